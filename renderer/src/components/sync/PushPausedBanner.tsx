import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { syncStatusSchema } from '../../../../core/contracts/admin-sync';
import { apiClient } from '../../api/api-client';
import { AlertLink } from '../AlertLink';

const statusPath = '/admin/api/sync/status';

/**
 * Pushing stopped on a missing or ambiguous Mahak choice (status `push.paused`): orders wait, so every
 * screen where staff would wonder why they do not reach Mahak says so once, with the key to fix and a
 * way to the settings. A missing bank holds only paid online orders, and the title says just that (the
 * rest still goes). Its own status query (no Mahak probe) so any screen can mount it; the push actions
 * invalidate it with the status screen's.
 */
export function PushPausedBanner() {
  const { t, i18n } = useTranslation('sync');
  const status = useQuery({
    queryKey: [statusPath, { probe: false }],
    queryFn: ({ signal }) =>
      apiClient.get(statusPath, { query: { probe: false }, schema: syncStatusSchema, signal }),
    refetchInterval: 30_000,
  });
  const paused = status.data?.push.paused;
  if (!paused) return null;
  const inSettings = paused.where === 'settings';
  return (
    <Alert severity="warning" role="alert" data-testid="push-paused-banner" sx={{ mb: 2 }}>
      <AlertTitle>{t(paused.holds === 'paid_online' ? 'paused.bankTitle' : 'paused.title')}</AlertTitle>
      {i18n.language.startsWith('en') ? paused.en : paused.fa}
      <br />
      <span style={{ fontSize: '0.85em' }}>
        {t(inSettings ? 'paused.whereSettings' : 'paused.whereConfig')}{' '}
        {/* A key name in Latin letters: isolated LTR so the Persian line keeps its order. */}
        <bdi dir="ltr">{inSettings ? paused.key : paused.env}</bdi>
      </span>
      <AlertLink to="/settings" data-testid="push-paused-settings">
        {t('paused.openSettings')}
      </AlertLink>
    </Alert>
  );
}
