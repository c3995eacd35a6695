import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError, isApiError } from '../api/api-error';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { ErrorAlert } from '../components/ErrorAlert';
import { signIn, useSession } from './use-session';

/** Staff sign-in (POST /admin/api/auth/login). After it, back to where the guard stopped the user. */
export function SignInScreen() {
  const { t } = useTranslation('common');
  const session = useSession();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (e) {
      setError(staffWording(e, t('signIn.wrongCredentials'), t('signIn.wrongCredentials', { lng: 'en' })));
      setBusy(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'background.default' }}
    >
      <Box sx={{ position: 'absolute', top: 8, insetInlineEnd: 8 }}>
        <LanguageSwitch color="primary" />
      </Box>
      <Card variant="outlined" sx={{ width: '100%', maxWidth: 400 }}>
        <CardContent component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2, p: 4 }}>
          <Typography
            variant="h4"
            component="p"
            color="primary"
            sx={{ fontWeight: 700, textAlign: 'center' }}
          >
            {t('appName')}
          </Typography>
          <Typography variant="h6" component="h1" sx={{ textAlign: 'center' }}>
            {t('signIn.title')}
          </Typography>
          {error !== null && <ErrorAlert error={error} />}
          <TextField
            label={t('signIn.username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            required
            autoFocus
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'username' } }}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'password' } }}
          />
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={busy || !username || !password}
            data-testid="sign-in-submit"
          >
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}

/** The server's wording says «mobile number» (it serves customers too); staff sign in with a username. */
function staffWording(e: unknown, fa: string, en: string): unknown {
  if (!isApiError(e) || e.code !== 'AUTH_INVALID_CREDENTIALS') return e;
  return new ApiError({ code: e.code, status: e.status, message: en, messageFa: fa, details: e.details });
}
