import { catalogMappings } from '../../core/domain/catalog-mapping.js';
import type { Storage } from '../../core/store/storage.js';

const bookkeeping = ['checkpoints', 'pull_pages', 'dead_letters', 'sync_runs', 'locks'];

/** Empties the store's own tables (schema stays), so tests share one migrated database. */
export async function emptyTables(storage: Storage): Promise<void> {
  const tables = [...Object.values(catalogMappings).map((m) => m.table), ...bookkeeping];
  await storage.db.transaction(async (tx) => {
    for (const table of tables) await tx.run(`DELETE FROM ${table}`);
  });
}
