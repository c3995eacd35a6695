import { activeReservationSum, atLeastZero, hiddenProduct } from './catalog-sql.js';
import type { Dialect } from './sql-db.js';

/**
 * SQL shared by the storefront's kept rows (read rows, storefront-read-sql.ts; product pages,
 * storefront-pages-sql.ts): the scope they are kept in (sell level and store, in the one row of
 * storefront_state) and the clock, as expressions, because triggers cannot be handed parameters.
 */

export const stateStore = '(SELECT st.store_id FROM storefront_state st WHERE st.id = 1)';
const stateLevel = '(SELECT st.price_level FROM storefront_state st WHERE st.id = 1)';

/** Epoch ms on the database's clock: triggers cannot be handed the application's. */
export function nowSql(dialect: Dialect): string {
  return dialect === 'postgres'
    ? 'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)'
    : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

/** A variant's price at the kept sell level. */
export function priceAtStateLevel(v: string): string {
  const arms = Array.from({ length: 10 }, (_, i) => `WHEN ${i + 1} THEN ${v}.price${i + 1}`).join(' ');
  return `CASE ${stateLevel} ${arms} END`;
}

/** A variant's stock at the kept store, less its active reservations, never below zero. */
export function availableAtStateStore(dialect: Dialect, v: string): string {
  const synced =
    `(SELECT COALESCE(SUM(s.count1), 0) FROM stock s WHERE s.variant_id = ${v}.id AND s.deleted_at IS NULL ` +
    `AND (${stateStore} IS NULL OR s.store_id = ${stateStore}))`;
  return atLeastZero(dialect, `${synced} - ${activeReservationSum(v, nowSql(dialect))}`);
}

/**
 * The set-based form both kept tables are computed in (read rows, product pages): each published
 * variant `v` of the products named by `productIn` (on `p.id` and `v.product_id`, e.g. `IN (?, ?)`; an
 * empty string means every product) visited once and grouped per product into `a` with
 * `variantColumns` (which must name `product_id` first), joined to its shown product `p` and the shop's
 * own fields `w`, selecting `columns`.
 */
export function perShownProduct(
  dialect: Dialect,
  productIn: string,
  parts: { variantColumns: string; columns: string },
): string {
  const byVariant = productIn === '' ? '' : ` AND v.product_id ${productIn}`;
  const byProduct = productIn === '' ? '' : ` AND p.id ${productIn}`;
  // PostgreSQL would turn the assignment check into a join and, its statistics lagging behind a first
  // pull, hash every assignment of the catalogue for each page: O(catalogue) per page. OFFSET 0 keeps
  // it an index probe per variant of the page.
  const assigned =
    `EXISTS (SELECT 1 FROM visitor_products vp WHERE vp.variant_id = v.id AND vp.deleted_at IS NULL` +
    `${dialect === 'postgres' ? ' OFFSET 0' : ''})`;
  const variants =
    `SELECT ${parts.variantColumns} ` +
    `FROM variants v WHERE v.deleted_at IS NULL AND ${assigned}${byVariant} GROUP BY v.product_id`;
  return (
    `SELECT ${parts.columns} ` +
    `FROM products p JOIN (${variants}) a ON a.product_id = p.id LEFT JOIN product_web w ON w.product_id = p.id ` +
    `WHERE p.deleted_at IS NULL AND NOT ${hiddenProduct('p.id')}${byProduct}`
  );
}
