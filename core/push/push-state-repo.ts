import type { SqlExecutor } from '../store/sql-db.js';

/**
 * The highest Orders/OrderDetails RowVersion the push side has seen from Mahak (save results and
 * read-backs). Mahak's RowVersion is one rising counter (API.md §6), so an order saved after we saw
 * this value carries a higher one: it is the floor a later read-back starts from.
 */
export async function getOrdersRowVersionSeen(db: SqlExecutor): Promise<number | undefined> {
  const rows = await db.query<{ value: string }>(
    "SELECT value FROM push_settings WHERE key = 'orders_rv_seen'",
  );
  return rows[0] === undefined ? undefined : Number(rows[0].value);
}

/** Monotonic: a lower value never replaces a higher one. */
export async function raiseOrdersRowVersionSeen(
  db: SqlExecutor,
  rowVersion: number,
  now = Date.now(),
): Promise<void> {
  if (!Number.isSafeInteger(rowVersion) || rowVersion <= 0) return;
  await db.run(
    'INSERT INTO push_settings AS t (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE ' +
      'SET value = excluded.value, updated_at = excluded.updated_at ' +
      'WHERE CAST(t.value AS BIGINT) < CAST(excluded.value AS BIGINT)',
    ['orders_rv_seen', String(rowVersion), now],
  );
}
