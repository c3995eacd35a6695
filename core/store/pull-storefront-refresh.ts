import { pulledEntities, type PulledEntityName } from '../contracts/mahak-wire.js';
import { mappingFor } from '../domain/catalog-mapping.js';
import type { SqlDb, SqlExecutor } from './sql-db.js';
import { bumpStatement, quietTriggerStatements } from './storefront-read-sql.js';
import {
  readStorefrontState,
  rebuildStorefront,
  storefrontRole,
  withStorefrontRefresh,
} from './storefront-read.js';

/**
 * The pull's side of the storefront read rows (storefront-read.ts keeps them): refreshed with each
 * page, or, in a first load, built once when the run has applied every page.
 *
 * Why defer: in a first pull a product's read row depends on four pages that arrive one after the
 * other (products, variants, their assignments, their stock), so refreshing with each page computed
 * every read row about four times and wrote it, its search text and its counts twice (2.9 s of SQL and
 * much of the WAL of a 20,000-product pull, docs/benchmarks.md); one set-based build at the end
 * computes each once.
 *
 * How it stays crash-safe: a deferred page commits `storefront_state.bulk = 1` with its rows, the flag
 * that already means "a bulk writer has left the read rows behind: rebuild them" (the storefront then
 * answers CATALOGUE_PREPARING instead of serving them, and prepares them at start-up). The run clears it
 * by rebuilding once its pages are settled (completeStorefrontRows); a run that fails or dies first leaves it
 * set for the next start or the next pull's end. Meanwhile the read rows lag the committed pages: only
 * in a first load, when there is no listing yet to fall behind.
 */

/** Source entities of the read rows: pulled for the first time, they make the run a first load. */
const readSourceEntities = (Object.keys(pulledEntities) as PulledEntityName[]).filter(
  (e) => storefrontRole(mappingFor(e).table) === 'rows',
);

/**
 * Whether this pull should build the read rows once at its end: nothing is listed yet and some source
 * of the read rows has never been pulled (a first load, or one that stopped half-way).
 */
export async function isFirstStorefrontLoad(db: SqlExecutor): Promise<boolean> {
  const listed = await db.query('SELECT 1 AS x FROM storefront_products LIMIT 1');
  if (listed.length > 0) return false;
  const pulled = await db.query<{ entity: string }>('SELECT entity FROM checkpoints');
  const have = new Set(pulled.map((r) => r.entity));
  return readSourceEntities.some((e) => !have.has(e));
}

/**
 * Writes one page of `table` (ids = its keys) inside the page's transaction. A page of a first load
 * whose run is still going leaves its products' read rows to the run's end; any other page refreshes
 * them now, and a rebuild still owed (bulk left set) stays owed.
 */
export async function writeWithStorefront(
  tx: SqlExecutor,
  page: { runId: string; deferStorefront?: boolean },
  table: string,
  ids: readonly number[],
  write: () => Promise<number>,
  atCommit?: (sql: string) => void,
): Promise<number> {
  if (!storefrontRole(table)) return write();
  if (page.deferStorefront) {
    const deferred = await writeDeferred(tx, page.runId, write, atCommit);
    if (deferred !== undefined) return deferred;
  }
  // The state row is locked before anything else, as every writer of read rows does (no cycle): the
  // refresh below reads other tables, and under the lock it sees every page committed before it.
  const [state] = await tx.query<{ bulk: number }>(
    `SELECT bulk FROM storefront_state WHERE id = 1${tx.dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
  );
  const owed = Number(state?.bulk ?? 0) === 1;
  const changed = await withStorefrontRefresh(tx, table, ids, write);
  if (owed) await tx.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
  return changed;
}

/**
 * A page of a first load while its run goes on: the rows are written and the read rows left owed
 * (bulk = 1), computed from nothing but the flag, so pages of different entities may write side by side
 * (pull-consumer.ts). The state row is locked only where it must be: before the write when no page has
 * committed the flag yet (the row triggers of migration 015 must see it set, or they would refresh
 * every row), and at the end, in the one statement that bumps the version and sets the flag again (a
 * rebuild that cleared it meanwhile built its rows without this page), sent with the COMMIT when the
 * caller passes `atCommit`. Held that briefly, the lock no longer serialises the upserts. Undefined
 * when the run is over (a dead letter retried by staff, a late redelivery): no run end rebuilds for
 * such a page, so the caller refreshes its rows itself.
 */
async function writeDeferred(
  tx: SqlExecutor,
  runId: string,
  write: () => Promise<number>,
  atCommit?: (sql: string) => void,
): Promise<number | undefined> {
  const [now] = await tx.query<{ bulk: number | null; going: number }>(
    'SELECT (SELECT bulk FROM storefront_state WHERE id = 1) AS bulk, ' +
      "(SELECT COUNT(*) FROM sync_runs WHERE id = ? AND status = 'running') AS going",
    [runId],
  );
  if (Number(now?.going ?? 0) === 0) return undefined;
  if (Number(now?.bulk ?? 0) !== 1) await owe(tx);
  const changed = await write();
  // Product pages and the catalogue's ETag still follow the page; only the read rows wait.
  // Given to atCommit, the statement runs with the COMMIT (TransactionOptions.finalStatement).
  if (changed > 0) {
    const bump = bumpStatement(tx.dialect, { owed: true });
    if (atCommit) atCommit(bump);
    else await tx.run(bump);
  }
  return changed;
}

/**
 * Leaves the read rows owed. On SQLite the source tables' triggers go too (storefront-read-sql.ts): with
 * the flag set they would only check it on every row written, and the rebuild that clears the flag
 * (rebuildStorefront) restores them in its transaction, so they are missing only while it is set.
 */
async function owe(tx: SqlExecutor): Promise<void> {
  await tx.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
  if (tx.dialect === 'sqlite') for (const sql of quietTriggerStatements()) await tx.run(sql);
}

/**
 * Builds the read rows owed by a deferred load (or by any bulk writer that left them behind), for the
 * scope they are kept in, in one transaction. Returns whether it rebuilt.
 */
export async function completeStorefrontRows(db: SqlDb): Promise<boolean> {
  const state = await readStorefrontState(db);
  if (!state?.bulk) return false;
  return rebuildStorefront(db, { priceLevel: state.priceLevel, storeId: state.storeId });
}
