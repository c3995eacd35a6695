import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  syncEntityNames,
  type SyncEntity,
  type SyncRecordResult,
} from '../../../../core/contracts/admin-sync';
import { useSyncRecord } from '../../api/use-sync-actions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SyncErrorAdvice } from '../../components/sync/SyncErrorAdvice';
import { adviceOf } from '../../components/sync/advice-of';
import { localDigits } from '../../lib/format';

/** Persian and Arabic-Indic digits typed by the clerk, as a number. */
const parseId = (text: string): number =>
  Number(
    text.trim().replace(/[۰-۹٠-٩]/g, (d) => {
      const code = d.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    }),
  );

/** «Sync one record»: the entity and its Mahak id; the answer says what happened to it. */
export function RecordSyncDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('status');
  const titleId = useId();
  const [entity, setEntity] = useState<SyncEntity>('Products');
  const [idText, setIdText] = useState('');
  const record = useSyncRecord();
  const id = parseId(idText);
  const valid = Number.isInteger(id) && id > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) record.mutate({ entity, id });
  };
  const close = () => {
    record.reset();
    onClose();
  };
  const advice = adviceOf(record.error);
  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={submit}>
        <DialogTitle id={titleId}>{t('record.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('record.intro')}</DialogContentText>
          <Stack direction="row" spacing={2}>
            <TextField
              select
              label={t('record.entity')}
              value={entity}
              onChange={(e) => setEntity(e.target.value as SyncEntity)}
              sx={{ minWidth: 220 }}
              slotProps={{ select: { inputProps: { 'data-testid': 'record-entity' } } }}
            >
              {syncEntityNames.map((name) => (
                <MenuItem key={name} value={name}>
                  {t(`sync:entity.${name}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={t('record.id')}
              value={idText}
              onChange={(e) => setIdText(e.target.value)}
              helperText={t('record.idHelp')}
              error={idText !== '' && !valid}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'record-id' } }}
              autoFocus
            />
          </Stack>
          {record.data && <RecordOutcome result={record.data} />}
          {record.error &&
            (advice ? <SyncErrorAdvice advice={advice} /> : <ErrorAlert error={record.error} />)}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('record.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={!valid || record.isPending}
            data-testid="record-submit"
          >
            {t('record.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RecordOutcome({ result }: { result: SyncRecordResult }) {
  const { t } = useTranslation('status');
  const label = result.label ? `«${localDigits(result.label)}»` : localDigits(result.id);
  const severity = result.outcome === 'missing' ? 'warning' : 'success';
  return (
    <Alert severity={severity} sx={{ mt: 2 }} data-testid="record-outcome" data-outcome={result.outcome}>
      {t(`record.${result.outcome}`, { label, id: localDigits(result.id) })}
    </Alert>
  );
}
