import { HamgamError } from '../errors.js';
import { cancelOutboxForOrder } from '../push/outbox-repo.js';
import type { SqlExecutor } from '../store/sql-db.js';
import type { OrderCancelledNotice } from './notification-sender.js';
import type { CancelReason, OrderRow } from './order-records.js';

/** Frees an order's stock: its reservations stop counting (stock-availability.ts). */
export async function releaseReservations(
  tx: SqlExecutor,
  orderId: string,
  reason: string,
  now: number,
): Promise<number> {
  return tx.run(
    'UPDATE stock_reservations SET released_at = ?, release_reason = ? WHERE order_id = ? AND released_at IS NULL',
    [now, reason, orderId],
  );
}

/**
 * Cancels an order that Mahak has not (possibly) received yet, inside the caller's transaction:
 * status, outbox, reservations and open payments together. `expect` is the status the caller saw;
 * the guarded UPDATE makes a concurrent payment, expiry or second cancel lose cleanly (0 rows ->
 * ORDER_NOT_CANCELLABLE) instead of both winning. Returns the notice to send after commit.
 */
export async function cancelOrderIn(
  tx: SqlExecutor,
  row: OrderRow,
  reason: CancelReason,
  now: number,
): Promise<OrderCancelledNotice> {
  const changed = await tx.run(
    "UPDATE orders SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, updated_at = ? " +
      'WHERE id = ? AND status = ? AND payment_verifying_at IS NULL',
    [now, reason, now, row.id, row.status],
  );
  if (changed !== 1) throw notCancellable(row.id, 'changed_meanwhile');
  // 0 rows: the order row was leased for a SaveAllData attempt or already sent: it may be in Mahak.
  if ((await cancelOutboxForOrder(tx, row.id, now)) === 0) throw notCancellable(row.id, 'sent_to_mahak');
  await releaseReservations(tx, row.id, `cancelled:${reason}`, now);
  await tx.run(
    "UPDATE payments SET status = 'failed', failure_reason = 'order_cancelled', updated_at = ? WHERE order_id = ? AND status = 'initiated'",
    [now, row.id],
  );
  return {
    orderId: row.id,
    orderNumber: Number(row.order_seq),
    mobile: await mobileOf(tx, row.customer_id),
    reason,
  };
}

/** Why the customer may not cancel, or undefined when they may. */
export function customerCancelBlock(row: OrderRow): string | undefined {
  if (row.sync_status !== 'pending') return 'sent_to_mahak';
  // Money taken online is given back by the shop (a refund), not by a click on the storefront.
  if (row.status === 'placed' && row.payment_method === 'online') return 'paid_online';
  if (row.payment_verifying_at !== null) return 'payment_in_progress';
  return undefined;
}

export function notCancellable(orderId: string, reason: string): HamgamError {
  return new HamgamError('ORDER_NOT_CANCELLABLE', `Order ${orderId} cannot be cancelled (${reason})`, {
    orderId,
    reason,
  });
}

async function mobileOf(tx: SqlExecutor, customerId: string): Promise<string> {
  const rows = await tx.query<{ mobile: string }>('SELECT mobile FROM customer_accounts WHERE id = ?', [
    customerId,
  ]);
  return rows[0]?.mobile ?? '';
}
