import type { Dialect } from '../sql-db.js';
import { searchFacetsOf, sqliteReadInsertTrigger } from '../storefront-read-sql.js';
import type { Migration } from './migration.js';

/**
 * A search narrowed to a category or to what is in stock, answered from the search index (issue 9).
 *
 * SQLite: the FTS5 table gets a second column, `facets` (the read row's category and stock flag as
 * trigram words: storefront-read-sql.ts `searchFacetsOf`), filled from the read rows and kept by the
 * read rows' insert trigger from now on. An FTS5 table cannot gain a column, so it is made again; at
 * 1,000,000 products that is the rebuild's FTS work once (seconds), in the upgrade's transaction.
 *
 * PostgreSQL: nothing. Its narrowed search still walks the category's (or the stock flag's) rows in id
 * order and checks the text of each (docs/decisions.md: the covering index that would keep that walk
 * in the index cannot hold a search text of any length).
 */
export const searchFacetsMigration: Migration = {
  id: 22,
  name: 'search-facets',
  up(dialect: Dialect): string[] {
    if (dialect === 'postgres') return [];
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
