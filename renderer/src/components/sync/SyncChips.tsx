import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import HourglassEmptyOutlined from '@mui/icons-material/HourglassEmptyOutlined';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import Chip from '@mui/material/Chip';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityState, RunBrief } from '../../../../core/contracts/admin-sync';

const stateLook: Record<
  EntityState,
  { color: 'success' | 'info' | 'warning' | 'error'; icon: ReactElement }
> = {
  synced: { color: 'success', icon: <CheckCircleOutlined /> },
  syncing: { color: 'info', icon: <SyncOutlined /> },
  pending: { color: 'warning', icon: <HourglassEmptyOutlined /> },
  needs_action: { color: 'error', icon: <ErrorOutline /> },
};

/** An entity's (or the whole sync's) state: colour and icon, so it reads without the words too. */
export function SyncStateChip({ state, size = 'small' }: { state: EntityState; size?: 'small' | 'medium' }) {
  const { t } = useTranslation('sync');
  const look = stateLook[state];
  return (
    <Chip
      size={size}
      variant="outlined"
      color={look.color}
      icon={look.icon}
      label={t(`state.${state}`)}
      data-testid={`state-${state}`}
    />
  );
}

const runLook: Record<RunBrief['status'], EntityState> = {
  running: 'syncing',
  ok: 'synced',
  failed: 'needs_action',
};

/** A run's outcome: running / succeeded / failed. */
export function RunStatusChip({ status }: { status: RunBrief['status'] }) {
  const { t } = useTranslation('sync');
  const look = stateLook[runLook[status]];
  return (
    <Chip
      size="small"
      variant="outlined"
      color={look.color}
      icon={look.icon}
      label={t(`runStatus.${status}`)}
      data-testid={`run-status-${status}`}
    />
  );
}
