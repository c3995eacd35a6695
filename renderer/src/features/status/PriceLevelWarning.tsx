import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SyncStatus } from '../../../../core/contracts/admin-sync';

/**
 * The storefront sells at a price level Mahak no longer names (status `storefront.priceLevelProblem`):
 * customers see zero or stale prices until someone acts, so the status screen says it first, with what
 * to do and a way to the settings (like the push-paused banner).
 */
export function PriceLevelWarning({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation('status');
  const problem = status.storefront.priceLevelProblem;
  if (!problem) return null;
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="price-level-warning"
      action={
        <Button component={RouterLink} to="/settings#selling" color="inherit" size="small">
          {t('priceLevel.openSettings')}
        </Button>
      }
    >
      <AlertTitle>{t('priceLevel.title')}</AlertTitle>
      {i18n.language.startsWith('en') ? problem.en : problem.fa}
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {t('priceLevel.fix')}
      </Typography>
    </Alert>
  );
}
