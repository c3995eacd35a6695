import type { SqlExecutor } from '../../core/store/sql-db.js';
import { pageRowsSelect } from '../../core/store/storefront-pages-sql.js';
import { readRowsSelect } from '../../core/store/storefront-read-sql.js';

/**
 * What the storefront read table and the kept product pages hold against their definitions (the read
 * rows' correlated form the row triggers use; the pages' one form), product by product: the products
 * whose row or page differs or is missing on either side, plus whether a rebuild is still owed
 * (storefront_state.bulk).
 */
export async function storefrontDrift(db: SqlExecutor): Promise<{ owed: boolean; differing: number[] }> {
  const columns = 'product_id, code, name, category_id, price, stock, in_stock';
  const held = await db.query<Record<string, unknown>>(
    `SELECT ${columns} FROM storefront_products ORDER BY product_id`,
  );
  const defined = await db.query<Record<string, unknown>>(
    `SELECT ${columns} FROM (${readRowsSelect(db.dialect, '1 = 1')}) d ORDER BY product_id`,
  );
  const key = (r: Record<string, unknown>) => JSON.stringify(Object.values(r).map(plain));
  const heldKeys = new Map(held.map((r) => [Number(r.product_id), key(r)]));
  const definedKeys = new Map(defined.map((r) => [Number(r.product_id), key(r)]));
  const heldPages = await pagesOf(db, 'SELECT product_id, page, fresh_until FROM storefront_pages');
  const definedPages = await pagesOf(db, pageRowsSelect(db.dialect, ''));
  const ids = new Set([
    ...heldKeys.keys(),
    ...definedKeys.keys(),
    ...heldPages.keys(),
    ...definedPages.keys(),
  ]);
  const differing = [...ids]
    .filter((id) => heldKeys.get(id) !== definedKeys.get(id) || heldPages.get(id) !== definedPages.get(id))
    .sort((a, b) => a - b);
  const [state] = await db.query<{ bulk: number }>('SELECT bulk FROM storefront_state WHERE id = 1');
  return { owed: Number(state?.bulk) === 1, differing };
}

/** Pages by product, each as a comparable text: its variants (kept in no order) sorted by id. */
async function pagesOf(db: SqlExecutor, sql: string): Promise<Map<number, string>> {
  const rows = await db.query<{ product_id: number; page: string; fresh_until: number | null }>(sql);
  return new Map(
    rows.map((r) => {
      const page = JSON.parse(r.page) as { variants: [number][] };
      page.variants.sort((a, b) => a[0] - b[0]);
      return [Number(r.product_id), JSON.stringify([page, plain(r.fresh_until)])];
    }),
  );
}

const plain = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : v);
