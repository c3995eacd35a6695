import LockOutlined from '@mui/icons-material/LockOutlined';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { SettingLock } from '../../../../core/contracts/admin-settings';

/** The lock beside a field env, the config file or the demo fixed; the tooltip says by what. */
export function LockNote({ lock }: { lock: SettingLock | undefined }) {
  const { t } = useTranslation('settings');
  if (!lock) return null;
  const text = t(`lock.${lock.source}`, { name: lock.name });
  return (
    <Tooltip title={text}>
      <LockOutlined fontSize="small" color="action" aria-label={text} role="img" data-testid="lock" />
    </Tooltip>
  );
}
