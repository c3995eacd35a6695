import type { SyncStatus } from '../contracts/orders.js';
import { markOrderSent } from '../orders/order-sent.js';
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

/** orders.sync_status; 'sent' goes through the orders part's markOrderSent (reflect point of the stock). */
export async function setOrderSyncStatus(
  tx: SqlExecutor,
  orderId: string,
  status: SyncStatus,
  now: number,
  inMahak?: OrderInMahak,
): Promise<void> {
  if (status === 'sent') {
    await markOrderSent(tx, orderId, {
      now,
      ...(inMahak ? { mahakOrderId: inMahak.mahakOrderId } : {}),
      ...(inMahak?.rowVersion != null ? { mahakRowVersion: inMahak.rowVersion } : {}),
    });
    return;
  }
  await tx.run('UPDATE orders SET sync_status = ?, updated_at = ? WHERE id = ?', [status, now, orderId]);
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
