import type { SqlExecutor } from '../store/sql-db.js';

/**
 * Row locks both dialects honour, taken inside the caller's transaction and held until it ends.
 *
 * PostgreSQL: the upsert row-locks `order_locks.<key>`; a second transaction upserting the same key
 * waits until the first commits, and (READ COMMITTED takes a fresh snapshot per statement) then sees
 * everything the first wrote — its reservations included. SQLite: every write transaction already
 * runs alone (BEGIN IMMEDIATE on one connection), the upsert is merely harmless there.
 *
 * Keys are taken in one global order (sorted), so two transactions that need overlapping keys never
 * wait for each other in a cycle (no deadlock). Callers take all their keys in ONE call, first.
 */
export async function lockKeys(tx: SqlExecutor, keys: readonly string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  for (const key of sorted) {
    await tx.run(
      'INSERT INTO order_locks AS l (lock_key, taken) VALUES (?, 1) ON CONFLICT (lock_key) DO UPDATE SET taken = l.taken + 1',
      [key],
    );
  }
}

export const variantLockKey = (variantId: number): string => `variant:${variantId}`;
export const customerLockKey = (customerId: string): string => `customer:${customerId}`;
