import { activeReservationSum, atLeastZero } from './catalog-sql.js';
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
