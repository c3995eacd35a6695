import Chip, { type ChipProps } from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';
import type { AdminOrderSummary } from '../../../../../core/contracts/admin-orders';

const statusColor: Record<string, ChipProps['color']> = {
  awaiting_payment: 'warning',
  placed: 'primary',
  cancelled: 'default',
  expired: 'default',
};
const syncColor: Record<AdminOrderSummary['syncStatus'], ChipProps['color']> = {
  pending: 'info',
  sent: 'success',
  disputed: 'warning',
  failed: 'error',
};

/** The order's own status; an unpaid order the deadline cancelled reads «expired». */
export function OrderStatusChip({ order }: { order: Pick<AdminOrderSummary, 'status' | 'cancelReason'> }) {
  const { t } = useTranslation('orders');
  const status =
    order.status === 'cancelled' && order.cancelReason === 'payment_timeout' ? 'expired' : order.status;
  return <Chip size="small" color={statusColor[status]} label={t(`status.${status}`)} />;
}

/** Where the order stands with Mahak. */
export function SyncStatusChip({ status }: { status: AdminOrderSummary['syncStatus'] }) {
  const { t } = useTranslation('orders');
  return <Chip size="small" variant="outlined" color={syncColor[status]} label={t(`syncStatus.${status}`)} />;
}
