import type { PushOrderPayload } from '../contracts/orders.js';
import { releaseReservations } from '../orders/order-cancel.js';
import { insertOrderLines } from '../orders/order-repo.js';
import type { SqlExecutor } from '../store/sql-db.js';

/**
 * After "edit and resend" the store's order says what the invoice will say: lines and totals are
 * replaced, and the stock reservations follow the new lines (the old ones released, new ones taken in
 * the same store). Kept here, beside the other writes into the orders part's tables (migration 007).
 */
export async function applyEditedOrder(
  tx: SqlExecutor,
  payload: PushOrderPayload,
  now: number,
): Promise<void> {
  const { orderId, totals } = payload;
  const changed = await tx.run(
    'UPDATE orders SET items_total = ?, tax_total = ?, charge_total = ?, shipping_cost = ?, total = ?, updated_at = ? WHERE id = ?',
    [totals.itemsTotal, totals.taxTotal, totals.chargeTotal, totals.shippingCost, totals.total, now, orderId],
  );
  if (changed === 0) return;
  await tx.run('DELETE FROM order_lines WHERE order_id = ?', [orderId]);
  await insertOrderLines(tx, orderId, payload.lines);
  const stores = await tx.query<{ variant_id: number; store_id: number | null }>(
    'SELECT variant_id, store_id FROM stock_reservations WHERE order_id = ? AND released_at IS NULL',
    [orderId],
  );
  const storeOf = new Map(stores.map((s) => [Number(s.variant_id), s.store_id]));
  await releaseReservations(tx, orderId, 'dispute_edit', now);
  for (const l of payload.lines) {
    await tx.run(
      'INSERT INTO stock_reservations (order_id, variant_id, store_id, quantity, created_at) VALUES (?, ?, ?, ?, ?)',
      [orderId, l.variantId, storeOf.get(l.variantId) ?? null, l.quantity, now],
    );
  }
}
