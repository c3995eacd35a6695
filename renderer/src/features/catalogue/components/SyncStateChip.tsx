import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import HideSourceOutlined from '@mui/icons-material/HideSourceOutlined';
import ImageOutlined from '@mui/icons-material/ImageOutlined';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductSyncState } from '../../../../../core/contracts/admin-catalogue';

const look: Record<ProductSyncState, { color: ChipProps['color']; icon: ReactElement }> = {
  deleted: { color: 'error', icon: <DeleteOutline /> },
  unpublished: { color: 'default', icon: <HideSourceOutlined /> },
  needs_action: { color: 'warning', icon: <ErrorOutline /> },
  pictures_pending: { color: 'info', icon: <ImageOutlined /> },
  synced: { color: 'success', icon: <CheckCircleOutline /> },
};

/** The product's sync state as a chip; the tooltip says what it means for the store. */
export function SyncStateChip({ state }: { state: ProductSyncState }) {
  const { t } = useTranslation('catalogue');
  const { color, icon } = look[state];
  return (
    <Tooltip title={t(`syncStateHint.${state}`)}>
      <Chip size="small" variant="outlined" color={color} icon={icon} label={t(`syncState.${state}`)} />
    </Tooltip>
  );
}
