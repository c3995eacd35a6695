import ReplayOutlined from '@mui/icons-material/ReplayOutlined';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetterFilter, DeadLetterRetryAll } from '../../../../core/contracts/admin-dead-letters';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber, localDigits } from '../../lib/format';
import { useRetryAll } from './use-dead-letters';

interface Props {
  filter: DeadLetterFilter;
  filtered: boolean;
  /** Retryable letters matching the filter (for the confirmation). */
  retryable: number;
}

/** Retry every retryable letter matching the filter, after a confirmation; then what went back and what did not. */
export function RetryAllButton({ filter, filtered, retryable }: Props) {
  const { t, i18n } = useTranslation('dead-letters');
  const retryAll = useRetryAll();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<DeadLetterRetryAll | null>(null);
  const titleId = useId();
  const run = async () => {
    try {
      setResult(await retryAll.mutateAsync(filter));
    } finally {
      setConfirming(false);
    }
  };
  return (
    <>
      <Button
        variant="contained"
        startIcon={<ReplayOutlined />}
        disabled={retryable === 0}
        onClick={() => setConfirming(true)}
        data-testid="retry-all"
      >
        {t(filtered ? 'retryAll.buttonFiltered' : 'retryAll.button')}
      </Button>
      {retryAll.error && <ErrorAlert error={retryAll.error} />}
      <ConfirmDialog
        open={confirming}
        title={t('retryAll.title')}
        message={t('retryAll.message', { n: formatNumber(retryable) })}
        confirmLabel={t('retryAll.confirm')}
        busy={retryAll.isPending}
        onConfirm={run}
        onCancel={() => setConfirming(false)}
      />
      <Dialog open={result !== null} onClose={() => setResult(null)} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{t('retryAll.resultTitle')}</DialogTitle>
        {result && (
          <DialogContent data-testid="retry-all-result">
            <Typography>{t('retryAll.retried', { n: formatNumber(result.retried.length) })}</Typography>
            {result.skipped > 0 && (
              <Typography>{t('retryAll.skipped', { n: formatNumber(result.skipped) })}</Typography>
            )}
            {result.failed.length > 0 && (
              <>
                <Typography sx={{ mt: 1 }}>
                  {t('retryAll.failed', { n: formatNumber(result.failed.length) })}
                </Typography>
                <List dense>
                  {result.failed.map((f) => (
                    <ListItem key={f.id} disableGutters>
                      <ListItemText
                        primary={`#${localDigits(f.id)} — ${i18n.language === 'en' ? f.message : f.messageFa}`}
                        secondary={
                          <>
                            {t('common:state.errorCode')}: <bdi dir="ltr">{f.code}</bdi>
                          </>
                        }
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
            {result.more && <Typography sx={{ mt: 1 }}>{t('retryAll.more')}</Typography>}
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={() => setResult(null)} autoFocus>
            {t('retryAll.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
