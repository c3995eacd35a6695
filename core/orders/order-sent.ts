import type { SqlExecutor } from '../store/sql-db.js';
import { reflected } from './stock-availability.js';

/**
 * The bridge between the push and the stock count (stock-availability.ts). Once an order is in Mahak,
 * Mahak's stock will include the sale; our reservation must keep counting only until a pulled stock
 * row shows it, which is when that row's RowVersion is newer than the invoice's.
 */

export interface SentOrder {
  mahakOrderId?: number;
  /** RowVersion SaveAllData returned for the Order (API.md §4.3): the exact "after" point. */
  mahakRowVersion?: number;
  now: number;
}

/**
 * For the push side, inside the transaction that records the order as sent: sync status, Mahak ids
 * and the point after which the reservations' quantity is in the pulled stock.
 */
export async function markOrderSent(tx: SqlExecutor, orderId: string, sent: SentOrder): Promise<void> {
  await tx.run(
    "UPDATE orders SET sync_status = 'sent', mahak_order_id = COALESCE(?, mahak_order_id), " +
      'mahak_row_version = COALESCE(?, mahak_row_version), sent_at = COALESCE(sent_at, ?), updated_at = ? WHERE id = ?',
    [sent.mahakOrderId ?? null, sent.mahakRowVersion ?? null, sent.now, sent.now, orderId],
  );
  await setReflectPoint(tx, orderId, sent.mahakRowVersion ?? null);
}

/**
 * With Mahak's RowVersion of the invoice the point is exact. Without it (an older push, a read-back
 * that found the order), the fallback is the newest RowVersion our stock row has NOW, i.e. after the
 * send: the next pulled change of that row is taken to include the sale. That errs early only when
 * Mahak changed the row between our last pull and the send and the pull brings that change first
 * (documented trade-off; exact whenever the RowVersion is known).
 */
async function setReflectPoint(
  tx: SqlExecutor,
  orderId: string,
  mahakRowVersion: number | null,
): Promise<void> {
  if (mahakRowVersion !== null) {
    await tx.run(
      'UPDATE stock_reservations SET reflect_after_rv = ? WHERE order_id = ? AND released_at IS NULL AND reflect_after_rv IS NULL',
      [mahakRowVersion, orderId],
    );
    return;
  }
  await tx.run(
    'UPDATE stock_reservations SET reflect_after_rv = (SELECT COALESCE(MAX(s.row_version), 0) FROM stock s ' +
      'WHERE s.variant_id = stock_reservations.variant_id AND (stock_reservations.store_id IS NULL OR s.store_id = stock_reservations.store_id)) ' +
      'WHERE order_id = ? AND released_at IS NULL AND reflect_after_rv IS NULL',
    [orderId],
  );
}

/**
 * Scheduled: (1) orders the push marked sent without calling markOrderSent get their reflect point;
 * (2) reservations whose sale is now in a pulled stock row are released for good. (2) only tidies:
 * the availability query already ignores such rows.
 */
export async function settleSentReservations(db: SqlExecutor, now: number): Promise<number> {
  const pending = await db.query<{ id: string; mahak_row_version: number | null }>(
    'SELECT DISTINCT o.id, o.mahak_row_version FROM orders o JOIN stock_reservations r ON r.order_id = o.id ' +
      "WHERE r.released_at IS NULL AND r.reflect_after_rv IS NULL AND o.status = 'placed' AND (o.sync_status = 'sent' " +
      "OR EXISTS (SELECT 1 FROM push_outbox po WHERE po.order_id = o.id AND po.kind = 'order' AND po.state = 'sent'))",
  );
  for (const o of pending) {
    await setReflectPoint(db, o.id, o.mahak_row_version === null ? null : Number(o.mahak_row_version));
  }
  return db.run(
    `UPDATE stock_reservations SET released_at = ?, release_reason = 'in_mahak_stock' WHERE released_at IS NULL AND ${reflected('stock_reservations')}`,
    [now],
  );
}
