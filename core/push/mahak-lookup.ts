import { pulledEntities, type PulledEntityName } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { advanceCursor, startCursor } from '../sync/pull-paging.js';
import type { PushMahak } from './push-ports.js';

/**
 * Mahak's current version of a few records. GetAllData cannot ask for ids (API.md §3), but RowVersions
 * only grow (§6): the row is at or above the RowVersion our store holds for it, so reading from there
 * (minus one) finds it near the start. Unknown locally -> from 0. Bounded: a lookup never pages the
 * whole catalogue.
 */
export async function lookupByIds(
  deps: { mahak: PushMahak; db: SqlExecutor; pageSize: number; maxPages?: number },
  entity: PulledEntityName,
  ids: readonly number[],
): Promise<Record<string, unknown>[]> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return [];
  const from = await localFloor(deps.db, entity, [...wanted]);
  const { idField } = pulledEntities[entity];
  return lookupWhere(deps, entity, from, (r) => wanted.has(Number(r[idField])), wanted.size);
}

/** Rows of an entity matching `match`, reading from `from`; stops once `enough` distinct rows are found. */
export async function lookupWhere(
  deps: { mahak: PushMahak; pageSize: number; maxPages?: number },
  entity: PulledEntityName,
  from: number,
  match: (r: Record<string, unknown>) => boolean,
  enough = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const { collection, idField } = pulledEntities[entity];
  const found = new Map<number, Record<string, unknown>>();
  let cursor = startCursor(from, deps.pageSize);
  for (let page = 0; page < (deps.maxPages ?? 20) && !cursor.done; page++) {
    const res = await deps.mahak.getAllData({
      cursors: { [collection]: cursor.from },
      pageSize: cursor.pageSize,
    });
    const rows = res.records[collection] ?? [];
    for (const r of rows) {
      const id = Number(r[idField]);
      const had = found.get(id);
      if (match(r) && (!had || Number(had.RowVersion) <= Number(r.RowVersion))) found.set(id, r);
    }
    cursor = advanceCursor(
      cursor,
      rows.map((r) => Number(r.RowVersion)),
    );
    if (found.size >= enough) break;
  }
  return [...found.values()];
}

async function localFloor(db: SqlExecutor, entity: PulledEntityName, ids: number[]): Promise<number> {
  const rows = await db.query<{ n: number; low: number | null }>(
    `SELECT COUNT(*) AS n, MIN(row_version) AS low FROM ${tableOf[entity]} WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  const n = Number(rows[0]?.n ?? 0);
  return n < ids.length || rows[0]?.low === null ? 0 : Number(rows[0].low) - 1;
}

/** Local ids of rows related to variants (visitor_products, stock), to look them up in Mahak. */
export async function localIdsByVariant(
  db: SqlExecutor,
  entity: 'VisitorProducts' | 'ProductDetailStoreAssets',
  variantIds: readonly number[],
): Promise<number[]> {
  if (variantIds.length === 0) return [];
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM ${tableOf[entity]} WHERE variant_id IN (${variantIds.map(() => '?').join(', ')})`,
    [...variantIds],
  );
  return rows.map((r) => Number(r.id));
}
