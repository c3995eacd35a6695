import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import { pageColumns, pageRowsSelect } from '../storefront-pages-sql.js';
import { postgresRefreshFunction, sqliteSourceTriggersRemade } from '../storefront-read-sql.js';
import type { Migration } from './migration.js';

/**
 * Product pages kept ready (issue 9; core/store/storefront-pages-sql.ts explains them):
 * storefront_pages holds one row per product the storefront shows, its page as JSON, kept by the
 * writers of the read rows. The source tables' triggers are made again in the form that keeps the
 * pages too (SQLite: each trigger dropped and created; PostgreSQL: the one function they call
 * replaced). The pages of the products already listed are computed here, in the upgrade's
 * transaction; while the read rows are owed (a first load half-way) the rebuild that settles them
 * computes the pages too, and until then product pages are computed per request, as before.
 */
export const productPagesMigration: Migration = {
  id: 23,
  name: 'product-pages',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE storefront_pages (product_id ${t.bigint} PRIMARY KEY, page ${t.text} NOT NULL, fresh_until ${t.bigint})`,
      ...(dialect === 'postgres'
        ? [`CREATE OR REPLACE ${postgresRefreshFunction()}`]
        : sqliteSourceTriggersRemade()),
      `INSERT INTO storefront_pages (${pageColumns.join(', ')}) ${pageRowsSelect(dialect, '')}`,
    ];
  },
};
