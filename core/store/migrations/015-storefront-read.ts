import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import { nowSql, readColumns, readRowsSelect, triggerStatements } from '../storefront-read-sql.js';
import { index, trigramIndexes } from './catalog-ddl.js';
import type { Migration } from './migration.js';

/**
 * The storefront read path at O(page) (issue 9; core/store/storefront-read-sql.ts explains the rows).
 *
 * storefront_products: one row per listed product, recomputed in the transaction that changes it.
 * storefront_counts: listed products per (category, in stock), kept by a trigger on the read rows, so a
 * listing's `total` and the category counts are a few rows read, not a catalogue counted.
 * storefront_state: one row: the scope the rows were computed for (sell price level, store; a different
 * scope at read time rebuilds them), the catalogue version (ETag of every catalogue answer; bumped by
 * each change) and `bulk`, set by the pull inside its own transaction while it refreshes set-based.
 * storefront_search (SQLite): FTS5 with the trigram tokenizer over the read rows' search text, so
 * `LIKE '%token%'` is answered from the index; PostgreSQL gets a pg_trgm index on the same column.
 * Both answer the same substring question, so both stacks find the same products.
 */
export const storefrontReadMigration: Migration = {
  id: 15,
  name: 'storefront-read',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    const search =
      dialect === 'postgres'
        ? trigramIndexes([['storefront_products', 'search_text']])
        : ["CREATE VIRTUAL TABLE storefront_search USING fts5(search_text, tokenize = 'trigram')"];
    return [
      `CREATE TABLE storefront_products (product_id ${t.bigint} PRIMARY KEY, code ${t.bigint}, name ${t.text}, ` +
        `category_id ${t.bigint}, price ${t.float}, stock ${t.float} NOT NULL, featured ${t.bool} NOT NULL, ` +
        `slug ${t.text}, search_text ${t.text} NOT NULL, in_stock ${t.bool} NOT NULL)`,
      index('storefront_products', ['category_id', 'product_id']),
      index('storefront_products', ['in_stock', 'product_id']),
      index('storefront_products', ['category_id', 'in_stock', 'product_id']),
      `CREATE TABLE storefront_counts (category_id ${t.bigint} NOT NULL, in_stock ${t.bool} NOT NULL, ` +
        `n ${t.bigint} NOT NULL, PRIMARY KEY (category_id, in_stock))`,
      `CREATE TABLE storefront_state (id ${t.int} PRIMARY KEY, price_level ${t.int} NOT NULL, store_id ${t.bigint}, ` +
        `version ${t.bigint} NOT NULL, changed_at ${t.bigint} NOT NULL, bulk ${t.int} NOT NULL DEFAULT 0)`,
      `INSERT INTO storefront_state (id, price_level, store_id, version, changed_at, bulk) VALUES (1, 1, NULL, 1, ${nowSql(dialect)}, 0)`,
      ...search,
      ...triggerStatements(dialect, { searchFacets: false, productPages: false }),
      `INSERT INTO storefront_products (${readColumns.join(', ')}) ${readRowsSelect(dialect, '1 = 1')}`,
    ];
  },
};
