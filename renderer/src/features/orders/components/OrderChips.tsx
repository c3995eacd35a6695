import { useTranslation } from 'react-i18next';
import type { AdminOrderSummary } from '../../../../../core/contracts/admin-orders';
import { StatusChip, type StatusTone } from '../../../components/StatusChip';

const statusTone: Record<string, StatusTone> = {
  awaiting_payment: 'warning',
  placed: 'strong',
  cancelled: 'neutral',
  expired: 'neutral',
};
const syncTone: Record<AdminOrderSummary['syncStatus'], StatusTone> = {
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
  return <StatusChip tone={statusTone[status]} label={t(`status.${status}`)} />;
}

/** Where the order stands with Mahak; a cancelled order that never left reads «not sent», not «queued». */
export function SyncStatusChip({ order }: { order: Pick<AdminOrderSummary, 'status' | 'syncStatus'> }) {
  const { t } = useTranslation('orders');
  if (order.status === 'cancelled' && order.syncStatus === 'pending')
    return <StatusChip tone="neutral" label={t('syncStatus.not_sent')} />;
  return <StatusChip tone={syncTone[order.syncStatus]} label={t(`syncStatus.${order.syncStatus}`)} />;
}
