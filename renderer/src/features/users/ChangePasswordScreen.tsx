import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useChangeOwnPassword } from './use-staff';

/** Any clerk's own password: the current one first; other signed-in desks are signed out. */
export function ChangePasswordScreen() {
  const { t } = useTranslation('users');
  const change = useChangeOwnPassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = repeat.length > 0 && next !== repeat;
  const submit = () =>
    change.mutate(
      { currentPassword: current, newPassword: next },
      { onSuccess: () => (setCurrent(''), setNext(''), setRepeat('')) },
    );
  return (
    <>
      <PageHeader title={t('changeTitle')} subtitle={t('changeSubtitle')} />
      <Box
        component="form"
        onSubmit={(e) => (e.preventDefault(), submit())}
        sx={{ display: 'grid', gap: 2, maxWidth: 420 }}
      >
        <TextField
          label={t('current')}
          type="password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'current-password' } }}
        />
        <TextField
          label={t('newPassword')}
          type="password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          helperText={t('passwordHelp')}
          slotProps={{ htmlInput: { 'data-testid': 'next-password' } }}
        />
        <TextField
          label={t('repeat')}
          type="password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch}
          helperText={mismatch ? t('mismatch') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'repeat-password' } }}
        />
        <Button
          type="submit"
          variant="contained"
          disabled={change.isPending || !current || next.length < 8 || next !== repeat}
          data-testid="change-password"
        >
          {t('change')}
        </Button>
        {change.isSuccess && <Alert severity="success">{t('changed')}</Alert>}
        {change.error && <ErrorAlert error={change.error} />}
      </Box>
    </>
  );
}
