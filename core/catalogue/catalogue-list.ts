import type { CatalogueItem, CatalogueList, CatalogueListQuery } from '../contracts/admin-catalogue.js';
import { normalisePersian } from '../domain/persian.js';
import { decodeCursor, encodeCursor, likePatterns, type SqlPart } from '../store/catalog-sql.js';
import type { SqlExecutor } from '../store/sql-db.js';
import {
  catalogueColumns,
  catalogueFrom,
  type CatalogueOptions,
  type CatalogueRow,
} from './catalogue-sql.js';

/**
 * The desk's product list: keyset-paginated on the Mahak ProductId, searchable like the storefront
 * (Persian-normalised name, code, tags and variant barcodes), filtered by category, web visibility,
 * featured, stock and sync state. Plain filters go in the inner WHERE; the ones on computed columns
 * (stock, sync state) wrap it, and only then does the total need the computed columns too.
 */
export async function listCatalogue(
  db: SqlExecutor,
  query: CatalogueListQuery,
  options: CatalogueOptions,
): Promise<Omit<CatalogueList, 'lastPulledAt'>> {
  const where = plainFilters(query);
  const columns = catalogueColumns(options);
  const inner = `SELECT ${columns.sql} ${catalogueFrom} WHERE ${where.sql}`;
  const innerParams = [...columns.params, ...where.params];
  const computed = computedFilters(query);
  const afterId = query.cursor ? decodeCursor(query.cursor) : undefined;
  const page = await db.query<CatalogueRow>(
    `SELECT * FROM (${inner}) x WHERE ${computed.sql}${afterId === undefined ? '' : ' AND x.id > ?'} ORDER BY x.id LIMIT ?`,
    [...innerParams, ...computed.params, ...(afterId === undefined ? [] : [afterId]), query.limit + 1],
  );
  const total =
    computed.sql === '1 = 1'
      ? await count(db, `SELECT COUNT(*) AS n ${catalogueFrom} WHERE ${where.sql}`, where.params)
      : await count(db, `SELECT COUNT(*) AS n FROM (${inner}) x WHERE ${computed.sql}`, [
          ...innerParams,
          ...computed.params,
        ]);
  const items = page.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toCatalogueItem),
    nextCursor: page.length > query.limit && last ? encodeCursor(Number(last.id)) : null,
    total,
  };
}

function plainFilters(query: CatalogueListQuery): SqlPart {
  const sql = ['1 = 1'];
  const params: unknown[] = [];
  if (query.categoryId !== undefined) {
    sql.push('p.category_id = ?');
    params.push(query.categoryId);
  }
  if (query.visibility === 'hidden') sql.push("w.visibility = 'hidden'");
  if (query.visibility === 'visible') sql.push("(w.visibility IS NULL OR w.visibility = 'visible')");
  if (query.featured !== undefined)
    sql.push(query.featured ? 'w.featured = 1' : 'COALESCE(w.featured, 0) = 0');
  for (const pattern of likePatterns(normalisePersian(query.q ?? ''))) {
    // Any variant's barcode or code counts here, published or not: the clerk looks for what Mahak has.
    sql.push(
      "(p.search_text LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM variants tv WHERE tv.product_id = p.id " +
        "AND tv.search_text LIKE ? ESCAPE '\\'))",
    );
    params.push(pattern, pattern);
  }
  return { sql: sql.join(' AND '), params };
}

function computedFilters(query: CatalogueListQuery): SqlPart {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (query.inStock !== undefined) sql.push(query.inStock ? 'x.stock > 0' : 'x.stock <= 0');
  if (query.syncState !== undefined) {
    sql.push('x.sync_state = ?');
    params.push(query.syncState);
  }
  return { sql: sql.length ? sql.join(' AND ') : '1 = 1', params };
}

async function count(db: SqlExecutor, sql: string, params: readonly unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

export function toCatalogueItem(r: CatalogueRow): CatalogueItem {
  return {
    id: Number(r.id),
    code: r.code === null ? null : Number(r.code),
    name: r.name ?? '',
    categoryId: r.category_id === null ? null : Number(r.category_id),
    categoryName: r.category_name,
    price: r.price === null ? null : Number(r.price),
    stock: Number(r.stock ?? 0),
    reserved: Number(r.reserved ?? 0),
    variantCount: Number(r.variant_count),
    pictureCount: Number(r.picture_count),
    rowVersion: Number(r.row_version),
    syncState: r.sync_state,
    visibility: r.visibility === 'hidden' ? 'hidden' : 'visible',
    featured: Number(r.featured ?? 0) === 1,
    slug: r.slug,
  };
}
