import { reflected } from './catalog-sql.js';
import type { Dialect } from './sql-db.js';
import { availableAtStateStore, nowSql, perShownProduct, priceAtStateLevel } from './storefront-scope-sql.js';

/**
 * The storefront's product pages, kept ready (migration 023, issue 9): one row per product the
 * storefront shows, holding the page as JSON (name, description, unit, and each published variant's
 * code, barcode, properties, price at the sell level and available stock), kept by the same writers
 * as the read rows (storefront-read-sql.ts): the pull per page, the row triggers, the rebuild.
 *
 * Why: a page computed per request read about 22 pages of seven tables and their indexes at random
 * (products, product_web twice, variants, assignments, stock, reservations). At 1,000,000 products on
 * PostgreSQL's default 128 MB of shared buffers most of them were read from the operating system, and
 * product pages served a third fewer requests than at 100,000 (docs/benchmarks.md). One row by its
 * key is a leaf and a heap page.
 *
 * Stock is the listing's: synced stock less the reservations active when the row was written. A
 * reservation lapses by the clock, with no write to notice it, so the row carries `fresh_until`, the
 * earliest deadline among the reservations it subtracted; past it the page is computed live again
 * (sql-catalog-repo.ts), as it is whenever the read rows are owed or kept for another scope.
 */

export const pageColumns = ['product_id', 'page', 'fresh_until'] as const;

/** The earliest deadline among a variant's active reservations (NULL: none lapses by itself). */
function earliestDeadline(dialect: Dialect, v: string): string {
  const now = nowSql(dialect);
  return (
    `(SELECT MIN(r.expires_at) FROM stock_reservations r WHERE r.variant_id = ${v}.id AND r.released_at IS NULL ` +
    `AND r.expires_at > ${now} AND NOT (${reflected('r')}))`
  );
}

/**
 * The page rows of the products named by `productIn` (on `p.id` and `v.product_id`, e.g. `IN (?, ?)`;
 * an empty string means every product), columns in `pageColumns` order. Set-based, as the read rows'
 * refresh; one text for the pull, the rebuild and the triggers, so its aggregates are unordered
 * (SQLite triggers cannot hold an ordered one): the reader sorts the variants by id.
 */
export function pageRowsSelect(dialect: Dialect, productIn: string): string {
  const pg = dialect === 'postgres';
  const array = pg ? 'json_build_array' : 'json_array';
  const variant = `${array}(v.id, v.code, v.barcode, v.properties, ${priceAtStateLevel('v')}, ${availableAtStateStore(dialect, 'v')})`;
  // SQLite: json() marks the aggregate's text as JSON again once it has left its subquery.
  const fields =
    `'code', p.code, 'name', p.name, 'categoryId', p.category_id, 'featured', COALESCE(w.featured, 0), ` +
    `'slug', w.slug, 'description', COALESCE(w.description, p.description), 'unitName', p.unit_name, ` +
    `'variants', ${pg ? 'a.variants' : 'json(a.variants)'}`;
  const page = pg ? `CAST(json_build_object(${fields}) AS TEXT)` : `json_object(${fields})`;
  return perShownProduct(dialect, productIn, {
    variantColumns:
      `v.product_id, ${pg ? 'json_agg' : 'json_group_array'}(${variant}) AS variants, ` +
      `MIN(${earliestDeadline(dialect, 'v')}) AS fresh_until`,
    columns: `p.id AS product_id, ${page} AS page, a.fresh_until`,
  });
}

/** Recomputes the pages of the products in `idsSql` (a parenthesised list of parameters or a subquery). */
export function pageRefreshStatements(dialect: Dialect, idsSql: string): string[] {
  return [
    `DELETE FROM storefront_pages WHERE product_id IN ${idsSql}`,
    `INSERT INTO storefront_pages (${pageColumns.join(', ')}) ${pageRowsSelect(dialect, `IN ${idsSql}`)}`,
  ];
}

/** The page as the reader gets it back (JSON.parse of `page`). */
export interface ProductPageDoc {
  code: number | null;
  name: string | null;
  categoryId: number | null;
  featured: number | null;
  slug: string | null;
  description: string | null;
  unitName: string | null;
  /** [id, code, barcode, properties, price, stock], in no particular order. */
  variants: [number, number | null, string | null, string | null, number | null, number | null][];
}
