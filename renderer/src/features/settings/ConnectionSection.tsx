import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsPatch, SettingsView } from '../../../../core/contracts/admin-settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConnectionTestAlert } from './ConnectionTestAlert';
import { LockNote } from './LockNote';
import { SectionCard } from './SectionCard';
import { useTestConnection, useUpdateSettings } from './use-settings';

type Field = 'mahakUrl' | 'mahakUser' | 'mahakPassword' | 'mahakDatabaseId';

/** What the clerk typed, as the API wants it (only fields that are not locked and were filled). */
export function connectionPatch(view: SettingsView, form: Record<Field, string>): SettingsPatch {
  const patch: SettingsPatch = {};
  const open = (k: Field) => !view.locks[k];
  if (open('mahakUrl') && form.mahakUrl.trim()) patch.mahakUrl = form.mahakUrl.trim();
  if (open('mahakUser') && form.mahakUser.trim()) patch.mahakUser = form.mahakUser.trim();
  if (open('mahakPassword') && form.mahakPassword) patch.mahakPassword = form.mahakPassword;
  if (open('mahakDatabaseId'))
    patch.mahakDatabaseId = form.mahakDatabaseId.trim() === '' ? null : Number(form.mahakDatabaseId);
  return patch;
}

/** Mahak URL, user, password (write-only) and database id, with «test connection» and «save». */
export function ConnectionSection({ view, onSaved }: { view: SettingsView; onSaved?: () => void }) {
  const { t } = useTranslation('settings');
  const v = view.values;
  const [form, setForm] = useState<Record<Field, string>>({
    mahakUrl: v.mahakUrl,
    mahakUser: v.mahakUser,
    mahakPassword: '',
    mahakDatabaseId: v.mahakDatabaseId === null ? '' : String(v.mahakDatabaseId),
  });
  const test = useTestConnection();
  const save = useUpdateSettings();
  const field = (name: Field, type = 'text') => (
    <TextField
      label={t(`connection.${name}`)}
      value={form[name]}
      type={type}
      disabled={Boolean(view.locks[name])}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      placeholder={name === 'mahakPassword' && v.mahakPasswordSet ? t('connection.passwordKept') : undefined}
      slotProps={{
        htmlInput: { 'data-testid': `field-${name}`, dir: name === 'mahakUrl' ? 'ltr' : undefined },
        input: {
          endAdornment: (
            <InputAdornment position="end">{<LockNote lock={view.locks[name]} />}</InputAdornment>
          ),
        },
      }}
      fullWidth
    />
  );
  const patch = connectionPatch(view, form);
  return (
    <SectionCard id="connection" title={t('connection.title')} description={t('connection.description')}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 2 }}>
        {field('mahakUrl')}
        {field('mahakDatabaseId')}
        {field('mahakUser')}
        {field('mahakPassword', 'password')}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
        <Button
          variant="outlined"
          onClick={() => test.mutate(patch)}
          disabled={test.isPending}
          data-testid="test-connection"
        >
          {test.isPending ? t('connection.testing') : t('connection.test')}
        </Button>
        <Button
          variant="contained"
          disabled={save.isPending || Object.keys(patch).length === 0}
          onClick={() => save.mutate(patch, { onSuccess: () => onSaved?.() })}
          data-testid="save-connection"
        >
          {t('save')}
        </Button>
      </Box>
      <Box sx={{ mt: 2 }}>
        {test.data && <ConnectionTestAlert result={test.data} />}
        {test.error && <ErrorAlert error={test.error} />}
        {save.error && <ErrorAlert error={save.error} />}
      </Box>
    </SectionCard>
  );
}
