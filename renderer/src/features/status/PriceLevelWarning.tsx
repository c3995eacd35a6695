import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../core/contracts/admin-sync';
import { AlertLink } from '../../components/AlertLink';

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
    <Alert severity="error" role="alert" data-testid="price-level-warning">
      <AlertTitle>{t('priceLevel.title')}</AlertTitle>
      {i18n.language.startsWith('en') ? problem.en : problem.fa}
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {t('priceLevel.fix')}
      </Typography>
      <AlertLink to="/settings#selling">{t('priceLevel.openSettings')}</AlertLink>
    </Alert>
  );
}
