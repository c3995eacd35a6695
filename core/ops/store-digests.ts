import { describeTables } from '../store/schema-introspect.js';
import type { SqlDb } from '../store/sql-db.js';
import { tableDigest, type TableDigest } from '../store/table-checksum.js';

/** Lease rows are live state of running processes, not data: a restore neither needs nor checks them. */
const unchecked = new Set(['locks']);

/**
 * Row count and checksum of every table of the store, by name. On PostgreSQL call it inside a
 * transaction to read one snapshot (calls on the SqlDb join the caller's transaction).
 */
export async function storeDigests(db: SqlDb): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  const tables = [...(await describeTables(db)).values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const t of tables) {
    if (unchecked.has(t.name)) continue;
    out[t.name] = await tableDigest(db, t.name, t.columns, t.primaryKey);
  }
  return out;
}

/** Tables whose rows or checksum differ from `expected` (missing tables count as differing). */
export function digestMismatches(
  expected: Record<string, TableDigest>,
  actual: Record<string, TableDigest>,
): { table: string; expected: TableDigest; actual: TableDigest | null }[] {
  return Object.entries(expected)
    .filter(([table, e]) => actual[table]?.rows !== e.rows || actual[table]?.checksum !== e.checksum)
    .map(([table, e]) => ({ table, expected: e, actual: actual[table] ?? null }));
}
