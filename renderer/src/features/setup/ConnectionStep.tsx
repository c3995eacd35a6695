import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../core/contracts/admin-settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { connectionPatch } from '../settings/ConnectionSection';
import { ConnectionTestAlert } from '../settings/ConnectionTestAlert';
import { listsKey, useTestConnection, useUpdateSettings } from '../settings/use-settings';
import { StepActions } from './StepActions';

type Field = 'mahakUrl' | 'mahakUser' | 'mahakPassword' | 'mahakDatabaseId';

/**
 * Step 1: Mahak's address, user and password, saved and then tested as saved (only a test of the
 * saved values counts as confirmed), so «next» opens only on a connection that really works.
 */
export function ConnectionStep(props: {
  view: SettingsView;
  locked: boolean;
  /** The saved connection was tested before (a reload mid-wizard). */
  confirmed: boolean;
  onNext: () => void;
}) {
  const { t } = useTranslation(['setup', 'settings']);
  const v = props.view.values;
  const [form, setForm] = useState<Record<Field, string>>({
    mahakUrl: v.mahakUrl,
    mahakUser: v.mahakUser,
    mahakPassword: '',
    mahakDatabaseId: v.mahakDatabaseId === null ? '' : String(v.mahakDatabaseId),
  });
  const save = useUpdateSettings();
  const test = useTestConnection();
  const queryClient = useQueryClient();
  const patch = connectionPatch(props.view, form);
  const saveAndTest = async () => {
    test.reset();
    if (Object.keys(patch).length > 0) await save.mutateAsync(patch);
    const result = await test.mutateAsync({});
    // The test read Mahak's lists already: the next step needs no second trip.
    if (result.ok) queryClient.setQueryData(listsKey, result.lists);
  };
  const field = (name: Field, type = 'text') => (
    <TextField
      label={t(`settings:connection.${name}`)}
      value={form[name]}
      type={type}
      disabled={Boolean(props.view.locks[name])}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      placeholder={
        name === 'mahakPassword' && v.mahakPasswordSet ? t('settings:connection.passwordKept') : undefined
      }
      slotProps={{
        htmlInput: { 'data-testid': `field-${name}`, dir: name === 'mahakUrl' ? 'ltr' : undefined },
      }}
      fullWidth
    />
  );
  const busy = save.isPending || test.isPending;
  return (
    <>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('connection.help')}
      </Typography>
      {props.locked && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('connection.locked')}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 2 }}>
        {field('mahakUrl')}
        {field('mahakDatabaseId')}
        {field('mahakUser')}
        {field('mahakPassword', 'password')}
      </Box>
      <Box sx={{ mt: 2 }}>
        {test.data && <ConnectionTestAlert result={test.data} />}
        {save.error && <ErrorAlert error={save.error} />}
        {test.error && <ErrorAlert error={test.error} />}
      </Box>
      <StepActions
        onNext={props.onNext}
        nextDisabled={test.data ? !(test.data.ok && test.data.confirmed) : !props.confirmed}
      >
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => void saveAndTest().catch(() => undefined)}
          data-testid="setup-test-connection"
        >
          {busy ? t('connection.testing') : t('connection.saveAndTest')}
        </Button>
      </StepActions>
    </>
  );
}
