import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../../core/contracts/accounts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateStaff } from './use-staff';

/** A new clerk: username (latin), password (8+), role. */
export function StaffForm() {
  const { t } = useTranslation('users');
  const create = useCreateStaff();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const submit = () =>
    create.mutate(
      { username, password, role },
      {
        onSuccess: () => {
          setUsername('');
          setPassword('');
        },
      },
    );
  return (
    <Box component="form" onSubmit={(e) => (e.preventDefault(), submit())} sx={{ mb: 3 }}>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label={t('username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          helperText={t('usernameHelp')}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'new-username' } }}
        />
        <TextField
          label={t('password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          helperText={t('passwordHelp')}
          slotProps={{ htmlInput: { 'data-testid': 'new-password' } }}
        />
        <TextField
          select
          label={t('role')}
          value={role}
          onChange={(e) => setRole(e.target.value as StaffRole)}
          sx={{ minWidth: 140 }}
        >
          <MenuItem value="staff">{t('roles.staff')}</MenuItem>
          <MenuItem value="owner">{t('roles.owner')}</MenuItem>
        </TextField>
        <Button
          type="submit"
          variant="contained"
          disabled={create.isPending || !username || !password}
          sx={{ mt: 1 }}
          data-testid="create-staff"
        >
          {t('create')}
        </Button>
      </Box>
      {create.error && <ErrorAlert error={create.error} />}
    </Box>
  );
}
