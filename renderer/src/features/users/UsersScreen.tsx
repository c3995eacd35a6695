import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDto } from '../../../../core/contracts/accounts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateText } from '../../components/DateText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { StaffForm } from './StaffForm';
import { useResetPassword, useStaffList, useUpdateStaff } from './use-staff';

/** Staff accounts (owner only): add, change role, disable / enable, reset a forgotten password. */
export function UsersScreen() {
  const { t } = useTranslation('users');
  const list = useStaffList();
  const update = useUpdateStaff();
  const reset = useResetPassword();
  const [resetting, setResetting] = useState<StaffDto | null>(null);
  const [newPassword, setNewPassword] = useState('');
  if (list.isPending) return <LoadingState />;
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <StaffForm />
      {(update.error ?? reset.error) && <ErrorAlert error={update.error ?? reset.error} />}
      <Paper variant="outlined">
        <Table aria-label={t('title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('username')}</TableCell>
              <TableCell>{t('role')}</TableCell>
              <TableCell>{t('state')}</TableCell>
              <TableCell>{t('created')}</TableCell>
              <TableCell>{t('actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.data.items.map((s) => (
              <TableRow key={s.id} data-testid={`staff-${s.username}`}>
                <TableCell>
                  <bdi dir="ltr">{s.username}</bdi>
                </TableCell>
                <TableCell>{t(`roles.${s.role}`)}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={s.disabled ? 'default' : 'success'}
                    label={t(s.disabled ? 'disabled' : 'active')}
                  />
                </TableCell>
                <TableCell>
                  <DateText value={s.createdAt} />
                </TableCell>
                <TableCell sx={{ display: 'flex', gap: 1 }}>
                  <Button size="small" onClick={() => update.mutate({ id: s.id, disabled: !s.disabled })}>
                    {t(s.disabled ? 'enable' : 'disable')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => update.mutate({ id: s.id, role: s.role === 'owner' ? 'staff' : 'owner' })}
                  >
                    {t(s.role === 'owner' ? 'makeStaff' : 'makeOwner')}
                  </Button>
                  <Button size="small" onClick={() => setResetting(s)}>
                    {t('resetPassword')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <ConfirmDialog
        open={resetting !== null}
        title={t('resetTitle', { name: resetting?.username ?? '' })}
        message={
          <TextField
            label={t('password')}
            type="password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            helperText={t('passwordHelp')}
            sx={{ mt: 1 }}
            fullWidth
          />
        }
        busy={reset.isPending || newPassword.length < 8}
        onCancel={() => setResetting(null)}
        onConfirm={() =>
          reset.mutate(
            { id: resetting!.id, password: newPassword },
            { onSettled: () => (setResetting(null), setNewPassword('')) },
          )
        }
      />
    </>
  );
}
