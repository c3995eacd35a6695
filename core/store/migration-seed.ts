import type { Logger } from '../logging/logger.js';
import { runMigrations } from './migrate.js';
import type { TableColumn } from './schema-introspect.js';
import { SqliteDb } from './sqlite-db.js';
import { tableDigest, type TableDigest } from './table-checksum.js';

/**
 * What a freshly migrated database holds: some migrations seed rows (e.g. push_sequences). Migrating
 * a scratch in-memory database gives their digests, so a target holding exactly those rows counts as
 * empty; the digest is dialect-neutral, so comparing with a PostgreSQL target works.
 */
export async function seededDigests(
  tables: readonly { table: string; columns: readonly TableColumn[]; key: readonly string[] }[],
  logger: Logger,
): Promise<Map<string, TableDigest>> {
  const scratch = new SqliteDb('sqlite::memory:', logger);
  await scratch.init();
  try {
    await runMigrations(scratch, logger);
    const out = new Map<string, TableDigest>();
    for (const t of tables) {
      const exists = await scratch.query(
        "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?",
        [t.table],
      );
      if (exists.length > 0) out.set(t.table, await tableDigest(scratch, t.table, t.columns, t.key));
    }
    return out;
  } finally {
    await scratch.close();
  }
}
