import CancelOutlined from '@mui/icons-material/CancelOutlined';
import SendOutlined from '@mui/icons-material/SendOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail } from '../../../../../core/contracts/admin-orders';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useOrderAction } from '../use-orders';

type Dialog = 'push' | 'cancel' | null;

/** The actions that make sense for the order now; each asks first and says why when it is not offered. */
export function OrderActions({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation('orders');
  const action = useOrderAction(order.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [note, setNote] = useState('');
  const { pushNow, cancel } = order.actions;
  const why = (blockedBy: string | null) =>
    blockedBy ? (
      <Typography variant="body2" color="text.secondary">
        {t(`actions.blockedBy.${blockedBy}`, { defaultValue: blockedBy })}
      </Typography>
    ) : null;
  const run = (kind: 'push' | 'cancel') => {
    action.mutate(kind === 'push' ? { kind } : { kind, note: note.trim() || undefined }, {
      onSettled: () => setDialog(null),
    });
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Box>
        <Button
          variant="contained"
          startIcon={
            <SendOutlined sx={{ transform: (th) => (th.direction === 'rtl' ? 'scaleX(-1)' : undefined) }} />
          }
          disabled={!pushNow.allowed || action.isPending}
          onClick={() => setDialog('push')}
        >
          {t('actions.pushNow')}
        </Button>
        {why(pushNow.blockedBy)}
      </Box>
      <Box>
        <Button
          variant="outlined"
          color="error"
          startIcon={<CancelOutlined />}
          disabled={!cancel.allowed || action.isPending}
          onClick={() => setDialog('cancel')}
        >
          {t('actions.cancel')}
        </Button>
        {why(cancel.allowed ? null : cancel.blockedBy)}
      </Box>
      {action.isError && <ErrorAlert error={action.error} />}
      {action.isSuccess && (
        <Alert severity="success">
          {action.variables?.kind === 'cancel' ? t('actions.cancelled') : t('actions.pushed')}
        </Alert>
      )}
      <ConfirmDialog
        open={dialog === 'push'}
        title={t('actions.pushNowConfirm')}
        message={t('actions.pushNowBody')}
        confirmLabel={t('actions.pushNow')}
        busy={action.isPending}
        onConfirm={() => run('push')}
        onCancel={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog === 'cancel'}
        title={t('actions.cancelConfirm')}
        danger
        message={
          <>
            {t('actions.cancelBody')}
            <TextField
              label={t('actions.cancelNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              fullWidth
              multiline
              minRows={2}
              sx={{ mt: 2 }}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          </>
        }
        confirmLabel={t('actions.cancel')}
        busy={action.isPending}
        onConfirm={() => run('cancel')}
        onCancel={() => setDialog(null)}
      />
    </Box>
  );
}
