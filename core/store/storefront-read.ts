import type { SqlDb, SqlExecutor } from './sql-db.js';
import { pageColumns, pageRowsSelect } from './storefront-pages-sql.js';
import {
  bumpStatement,
  pullRefreshStatements,
  readColumns,
  readSources,
  refreshRowsSelect,
  restoreTriggerStatements,
  versionOnlySources,
} from './storefront-read-sql.js';

/**
 * Keeping the storefront read table (storefront-read-sql.ts) in step from TypeScript: the pull's
 * set-based refresh of one page, the catalogue version, and the rebuild when the scope changes.
 */

export interface StorefrontScope {
  priceLevel: number;
  /** undefined = stock summed over every store. */
  storeId: number | undefined;
}

export interface StorefrontState extends StorefrontScope {
  /** Bumped by every committed change to what the storefront shows. */
  version: number;
  /** Epoch ms of that change (Last-Modified). */
  changedAt: number;
  /** Left set by a bulk writer that never finished (the data migration crashed): rebuild. */
  bulk: boolean;
}

/** Ids per statement: far below both drivers' parameter limits. */
const chunkSize = 500;

export async function readStorefrontState(db: SqlExecutor): Promise<StorefrontState | undefined> {
  const [row] = await db.query<{
    price_level: number;
    store_id: number | null;
    version: number;
    changed_at: number;
    bulk: number;
  }>('SELECT price_level, store_id, version, changed_at, bulk FROM storefront_state WHERE id = 1', [], {
    // Read before every storefront answer (the catalogue version).
    prepared: true,
  });
  if (!row) return undefined;
  return {
    priceLevel: Number(row.price_level),
    storeId: row.store_id === null ? undefined : Number(row.store_id),
    version: Number(row.version),
    changedAt: Number(row.changed_at),
    bulk: Number(row.bulk) === 1,
  };
}

/** How the pull treats a page of one table: recompute read rows, only bump the version, or nothing. */
export function storefrontRole(table: string): 'rows' | 'version' | undefined {
  if (readSources.some((s) => s.table === table)) return 'rows';
  return (versionOnlySources as readonly string[]).includes(table) ? 'version' : undefined;
}

/**
 * Runs a bulk write of `table` rows (ids = their primary keys) with the row triggers quiet, then
 * recomputes the read rows of every product the rows belonged to before or after the write (a variant
 * moved to another product changes both) and bumps the version if anything changed. Call inside the
 * writer's transaction: the read rows commit with the page (invariant 2) or not at all.
 */
export async function withStorefrontRefresh(
  tx: SqlExecutor,
  table: string,
  ids: readonly number[],
  write: () => Promise<number>,
): Promise<number> {
  const role = storefrontRole(table);
  if (!role) return write();
  // First statement on the state row: every writer locks it before any read row (no deadlock cycle).
  await tx.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
  const changed = await withIndexes(tx, async () => {
    const before = role === 'rows' ? await productsOf(tx, table, ids) : [];
    const n = await write();
    if (n > 0 && role === 'rows') {
      const after = await productsOf(tx, table, ids);
      await refreshProducts(tx, [...new Set([...before, ...after])]);
    }
    return n;
  });
  if (changed > 0) await tx.run(bumpStatement(tx.dialect));
  await tx.run('UPDATE storefront_state SET bulk = 0 WHERE id = 1');
  return changed;
}

/**
 * Every lookup of the refresh (and of the product ids around the write) has its index. During a first
 * pull the tables grow faster than autovacuum's statistics, and PostgreSQL, believing them empty,
 * scanned them per page or per row: each page then cost more than the last. It is told to use the
 * indexes, for this transaction only.
 */
async function withIndexes<T>(tx: SqlExecutor, fn: () => Promise<T>): Promise<T> {
  if (tx.dialect !== 'postgres') return fn();
  await tx.run('SET LOCAL enable_seqscan = off');
  const result = await fn();
  await tx.run('SET LOCAL enable_seqscan = on');
  return result;
}

/** Product ids the given rows of a source table belong to. */
async function productsOf(tx: SqlExecutor, table: string, ids: readonly number[]): Promise<number[]> {
  const source = readSources.find((s) => s.table === table);
  if (!source) return [];
  const out: number[] = [];
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    const key = table === 'product_web' ? 'product_id' : 'id';
    const rows = await tx.query<{ pid: number | null }>(
      `SELECT ${source.productOf('r')} AS pid FROM ${table} r WHERE r.${key} IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows) if (r.pid !== null) out.push(Number(r.pid));
  }
  return out;
}

/** Recomputes the read rows of these products (absent ones simply leave the listing). */
export async function refreshProducts(tx: SqlExecutor, productIds: readonly number[]): Promise<void> {
  for (let i = 0; i < productIds.length; i += chunkSize) {
    const chunk = productIds.slice(i, i + chunkSize);
    const list = `(${chunk.map(() => '?').join(', ')})`;
    // Each statement names the id list once or twice; nothing else in them is bound.
    for (const { sql, lists } of pullRefreshStatements(tx.dialect, list)) {
      await tx.run(sql, lists === 1 ? chunk : [...chunk, ...chunk]);
    }
  }
}

/**
 * Recomputes every read row for a new scope (the desk changed the sell level or the store) or after an
 * unfinished bulk write. One transaction: readers see the old rows until it commits. Skipped when the
 * rows already are for this scope (another instance, or an earlier caller, rebuilt them meanwhile).
 * Linear in the catalogue on both stacks (see rebuildRows); returns whether it rebuilt.
 */
export async function rebuildStorefront(db: SqlDb, scope: StorefrontScope): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Locks the state row first, as every writer does, then looks again under the lock.
    await tx.run('UPDATE storefront_state SET bulk = bulk WHERE id = 1');
    const state = await readStorefrontState(tx);
    if (state && !state.bulk && state.priceLevel === scope.priceLevel && state.storeId === scope.storeId)
      return false;
    await tx.run('UPDATE storefront_state SET price_level = ?, store_id = ?, bulk = 1 WHERE id = 1', [
      scope.priceLevel,
      scope.storeId ?? null,
    ]);
    await rebuildRows(tx);
    // A first load may have dropped SQLite's source triggers while the rows were owed.
    if (tx.dialect === 'sqlite') for (const sql of restoreTriggerStatements()) await tx.run(sql);
    await tx.run(bumpStatement(tx.dialect));
    await tx.run('UPDATE storefront_state SET bulk = 0 WHERE id = 1');
    return true;
  });
}

/**
 * Every read row and count, set-based. On PostgreSQL two things made this superlinear (a storefront
 * started before the first full pull answered its first listing after a 100,000-product pull in more
 * than 300 s; docs/benchmarks.md): the per-row counts trigger updates the same ~100 count rows once
 * per product, and inside one transaction each update walks every earlier version of its row
 * (0.11 ms per row for the first 20,000, 0.36 ms for the next 30,000); and with statistics lagging
 * behind a first pull the planner nested-looped products against the grouped variants (200 million
 * rows filtered at 20,000 products). So the trigger is held off for this transaction (the table lock
 * it takes keeps other writers out until commit, readers go on reading the old rows), the counts are
 * computed in one GROUP BY, and nested loops are off for this transaction. SQLite updates rows in
 * place: its triggers cost the same for every row.
 */
async function rebuildRows(tx: SqlExecutor): Promise<void> {
  const pg = tx.dialect === 'postgres';
  if (pg) {
    await tx.run('SET LOCAL enable_nestloop = off');
    await tx.run('ALTER TABLE storefront_products DISABLE TRIGGER sf_read');
  }
  await tx.run('DELETE FROM storefront_products');
  await tx.run('DELETE FROM storefront_counts');
  await tx.run('DELETE FROM storefront_pages');
  await tx.run(
    `INSERT INTO storefront_products (${readColumns.join(', ')}) ${refreshRowsSelect(tx.dialect, '')}`,
  );
  await tx.run(`INSERT INTO storefront_pages (${pageColumns.join(', ')}) ${pageRowsSelect(tx.dialect, '')}`);
  if (!pg) {
    // The trigger fed FTS5 a row at a time, and it flushed its buffer into many small segments. A
    // search with a cursor then read every segment's doclists up to the cursor: at 1,000,000 products
    // a page 90% deep took 180-350 ms. Merged into one segment it took 12-45 ms, a page 19% deep 2-6
    // ms instead of 27-49 (load 7). The merge took 10 s there, against minutes for the rebuild.
    await tx.run("INSERT INTO storefront_search (storefront_search) VALUES ('optimize')");
    return;
  }
  await tx.run(
    'INSERT INTO storefront_counts (category_id, in_stock, n) SELECT COALESCE(category_id, 0), in_stock, COUNT(*) ' +
      'FROM storefront_products GROUP BY COALESCE(category_id, 0), in_stock',
  );
  await tx.run('ALTER TABLE storefront_products ENABLE TRIGGER sf_read');
  await tx.run('SET LOCAL enable_nestloop = on');
}
