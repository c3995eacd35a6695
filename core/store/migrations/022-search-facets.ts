import type { Dialect } from '../sql-db.js';
import { searchFacetsOf, sqliteReadInsertTrigger } from '../storefront-read-sql.js';
import { index } from './catalog-ddl.js';
import type { Migration } from './migration.js';

/**
 * A search narrowed to a category or to what is in stock, answered from the search index (issue 9).
 *
 * SQLite: the FTS5 table gets a second column, `facets` (the read row's category and stock flag as
 * trigram words: storefront-read-sql.ts `searchFacetsOf`), filled from the read rows and kept by the
 * read rows' insert trigger from now on. An FTS5 table cannot gain a column, so it is made again; at
 * 1,000,000 products that is the rebuild's FTS work once (seconds), in the upgrade's transaction.
 *
 * PostgreSQL: the read rows get `search_key`, their search text when it is short enough to sit in a
 * B-tree entry (NULL past `searchKeyBytes`), and the category and stock indexes carry it (INCLUDE).
 * A narrowed search then walks the category's entries in id order and checks the text in the index,
 * reading the table only for the few rows with a longer text (sql-catalog-repo.ts). It walked the
 * table before: 90-109 ms at 1,000,000 products for a word the category never holds. The search text
 * itself cannot be included: it has no bound, and an entry must fit in about 2.7 kB.
 */
export const searchFacetsMigration: Migration = {
  id: 22,
  name: 'search-facets',
  up(dialect: Dialect): string[] {
    if (dialect === 'postgres') return postgresSearchKey();
    return [
      'DROP TRIGGER IF EXISTS sf_read_insert',
      'DROP TABLE storefront_search',
      "CREATE VIRTUAL TABLE storefront_search USING fts5(search_text, facets, tokenize = 'trigram')",
      `INSERT INTO storefront_search (rowid, search_text, facets) ` +
        `SELECT sp.product_id, sp.search_text, ${searchFacetsOf('sp')} FROM storefront_products sp`,
      "INSERT INTO storefront_search (storefront_search) VALUES ('optimize')",
      sqliteReadInsertTrigger(),
    ];
  },
};

/** The longest search text (bytes) a read row keeps in `search_key`: an index entry stays far below 2.7 kB. */
export const searchKeyBytes = 1000;

function postgresSearchKey(): string[] {
  const narrowing = [
    ['category_id', 'product_id'],
    ['in_stock', 'product_id'],
    ['category_id', 'in_stock', 'product_id'],
  ];
  return [
    `ALTER TABLE storefront_products ADD COLUMN search_key TEXT GENERATED ALWAYS AS ` +
      `(CASE WHEN octet_length(search_text) <= ${searchKeyBytes} THEN search_text END) STORED`,
    ...narrowing.flatMap((columns) => [
      `DROP INDEX IF EXISTS storefront_products_${columns.join('_')}_idx`,
      `${index('storefront_products', columns, `${columns.join('_')}_key`)} INCLUDE (search_key)`,
    ]),
  ];
}
