import type { SyncStatus } from '../contracts/orders.js';
import type { SqlExecutor } from '../store/sql-db.js';

/**
 * The push side's writes into tables the orders and accounts parts own (migrations 005, 007), kept in
 * this one file so a schema change there has one place to follow.
 */

export interface OrderInMahak {
  mahakOrderId: number;
  /** Lowest RowVersion of the saved invoice rows: a stock row pulled later with a higher one includes the sale. */
  rowVersion: number | null;
}

/** orders.sync_status (+ Mahak's id once the invoice is confirmed). */
export async function setOrderSyncStatus(
  tx: SqlExecutor,
  orderId: string,
  status: SyncStatus,
  now: number,
  inMahak?: OrderInMahak,
): Promise<void> {
  if (!inMahak) {
    await tx.run('UPDATE orders SET sync_status = ?, updated_at = ? WHERE id = ?', [status, now, orderId]);
    return;
  }
  await tx.run(
    'UPDATE orders SET sync_status = ?, mahak_order_id = ?, mahak_row_version = ?, sent_at = COALESCE(sent_at, ?), ' +
      'updated_at = ? WHERE id = ?',
    [status, inMahak.mahakOrderId, inMahak.rowVersion, now, now, orderId],
  );
  // stock_reservations.reflect_after_rv (core/orders/stock-availability.ts): from now on the sale is
  // in Mahak's stock, and a stock row newer than the invoice already counts it.
  if (inMahak.rowVersion !== null) {
    await tx.run(
      'UPDATE stock_reservations SET reflect_after_rv = ? WHERE order_id = ? AND released_at IS NULL',
      [inMahak.rowVersion, orderId],
    );
  }
}

/** A web customer we created in Mahak: remember the PersonClientId and Mahak's PersonId on the account. */
export async function recordCustomerPerson(
  tx: SqlExecutor,
  customerId: string,
  ids: { personClientId: number; personId: number },
  now: number,
): Promise<void> {
  await tx.run(
    'UPDATE customer_accounts SET person_client_id = ?, mahak_person_id = ?, updated_at = ? WHERE id = ?',
    [ids.personClientId, ids.personId, now, customerId],
  );
}
