import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncEntity } from '../../../../core/contracts/admin-sync';
import { useSyncPreview } from '../../api/use-sync-actions';
import { ErrorAlert } from '../ErrorAlert';
import { LoadingState } from '../LoadingState';
import { PreviewTable } from './PreviewTable';

interface SyncPreviewDialogProps {
  open: boolean;
  onClose: () => void;
  /** Shows a «sync now» button; the dialog closes when it is pressed. */
  onSyncNow?: () => void;
  entities?: SyncEntity[];
}

/**
 * The dry run of a pull, before the first sync or on demand: per entity how many records would be
 * new, updated or taken off the shop, with a few examples. Asks the server each time it opens.
 */
export function SyncPreviewDialog({ open, onClose, onSyncNow, entities }: SyncPreviewDialogProps) {
  const { t } = useTranslation('sync');
  const titleId = useId();
  const preview = useSyncPreview();
  const { mutate, reset } = preview;
  useEffect(() => {
    if (open) mutate(entities);
    else reset();
  }, [open, mutate, reset, entities]);
  const result = preview.data;
  const nothing = result?.entities.every((e) => e.created + e.updated + e.unpublished + e.invalid === 0);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>{t('preview.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('preview.intro')}</DialogContentText>
        {preview.isPending && <LoadingState label={t('preview.running')} />}
        {preview.isError && <ErrorAlert error={preview.error} onRetry={() => mutate(entities)} />}
        {result && result.firstSync && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('preview.firstSync')}
          </Alert>
        )}
        {result && nothing && !result.firstSync && <Alert severity="success">{t('preview.nothing')}</Alert>}
        {result && !nothing && <PreviewTable entities={result.entities} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('preview.close')}</Button>
        {onSyncNow && (
          <Button
            variant="contained"
            disabled={!result}
            onClick={() => {
              onSyncNow();
              onClose();
            }}
            data-testid="preview-sync-now"
          >
            {t('preview.syncNow')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
