import { catalogMappings } from '../../core/domain/catalog-mapping.js';
import type { Storage } from '../../core/store/storage.js';

const bookkeeping = [
  'checkpoints',
  'checkpoint_history',
  'pull_pages',
  'pull_frontiers',
  'dead_letters',
  'dead_letter_tombstones',
  'sync_runs',
  'locks',
];

/** Empties the store's own tables (schema stays), so tests share one migrated database. */
export async function emptyTables(storage: Storage): Promise<void> {
  const tables = [...Object.values(catalogMappings).map((m) => m.table), ...bookkeeping];
  await storage.db.transaction(async (tx) => {
    for (const table of tables) await tx.run(`DELETE FROM ${table}`);
  });
}
