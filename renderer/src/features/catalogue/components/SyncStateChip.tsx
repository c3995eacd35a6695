import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import HideSourceOutlined from '@mui/icons-material/HideSourceOutlined';
import ImageOutlined from '@mui/icons-material/ImageOutlined';
import Tooltip from '@mui/material/Tooltip';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductSyncState } from '../../../../../core/contracts/admin-catalogue';
import { StatusChip, type StatusTone } from '../../../components/StatusChip';

const look: Record<ProductSyncState, { tone: StatusTone; icon: ReactElement }> = {
  deleted: { tone: 'error', icon: <DeleteOutline /> },
  unpublished: { tone: 'neutral', icon: <HideSourceOutlined /> },
  needs_action: { tone: 'warning', icon: <ErrorOutline /> },
  pictures_pending: { tone: 'info', icon: <ImageOutlined /> },
  synced: { tone: 'success', icon: <CheckCircleOutline /> },
};

/** The product's sync state as a chip; the tooltip says what it means for the store. */
export function SyncStateChip({ state }: { state: ProductSyncState }) {
  const { t } = useTranslation('catalogue');
  const { tone, icon } = look[state];
  return (
    <Tooltip title={t(`syncStateHint.${state}`)}>
      <span>
        <StatusChip tone={tone} icon={icon} label={t(`syncState.${state}`)} />
      </span>
    </Tooltip>
  );
}
