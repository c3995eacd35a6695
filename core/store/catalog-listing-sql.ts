import { normalisePersian } from '../domain/persian.js';
import type { ProductQuery } from './catalog-repo.js';
import { likePatterns, type SqlPart } from './catalog-sql.js';
import type { Dialect } from './sql-db.js';
import { facetPhrase } from './storefront-read-sql.js';

/**
 * The SQL of a storefront listing page over the read table (sql-catalog-repo.ts runs it): its filters,
 * the rows it fetches, and the search on each stack (FTS5 on SQLite, pg_trgm or an index walk on
 * PostgreSQL).
 */

/**
 * The most rows a narrowed search on PostgreSQL walks in the index: at 1,000,000 products a category of
 * 20,000 walked in 4 ms where its table rows took 92 ms (docs/benchmarks.md).
 */
export const narrowedWalkRows = 50_000;

/** A search counts its matches up to this many; past it `total` is this number and `totalExact` false. */
export const searchCountCap = 100;

/** Page sizes a listing reads (the asked size rounded up, the rest cut off here); 100 is the API's most. */
const pageSizes = [10, 20, 50, 100, 500] as const;

/**
 * Rows one listing statement reads: the asked page rounded up to one of a few sizes, and one more to
 * tell whether a next page exists. The number is written into the SQL text, not bound: with `LIMIT ?`
 * PostgreSQL judged a prepared statement's generic plan dearer than its custom ones (it cannot cost a
 * limit it does not know) and planned every run again. A few texts per listing keep their plans. The
 * value is an integer from this fixed list, never the request's text.
 */
export function rowsToFetch(limit: number): number {
  return (pageSizes.find((size) => size >= limit) ?? pageSizes[pageSizes.length - 1]) + 1;
}

/**
 * Filters of a listing over the read table. Search: every token (at most 8) must be a substring of the
 * product's folded text, answered by FTS5 trigram on SQLite and pg_trgm on PostgreSQL — the same
 * question, so the same products. LIKE wildcards typed by a customer are escaped (matched literally).
 */
export interface ListingFilter extends SqlPart {
  where: string[];
  searchless: boolean;
  /** The rows listed, and the id they are ordered and paged by. */
  from: string;
  key: string;
  /** The cursor's placeholder as the key compares with it (see the SQLite search below). */
  bound: string;
  /** PostgreSQL's narrowed search: the page's ids are found first, from the index alone. */
  idsFirst: boolean;
}

/**
 * `keyWalk` (PostgreSQL, a search narrowed to few enough rows: see narrowedByKey): each token is
 * checked against the text the category and stock indexes carry (`search_key`, migration 022), so the
 * walk stays in the index; a row whose text was too long for it is read from the table.
 */
export function listingFilter(dialect: Dialect, query: ProductQuery, keyWalk = false): ListingFilter {
  const f = conditions();
  if (query.categoryId !== undefined) f.add('sp.category_id = ?', query.categoryId);
  if (query.inStock !== undefined) f.add('sp.in_stock = ?', query.inStock ? 1 : 0);
  const tokens = searchTokens(query.search ?? '');
  if (dialect === 'postgres') {
    for (const p of likePatterns(tokens.join(' ')))
      if (keyWalk) f.add(keyedLike, p, p);
      else f.add(`sp.search_text LIKE ? ESCAPE '\\'`, p);
  } else if (tokens.length > 0) {
    // Not LIKE ... ESCAPE: FTS5 scans for an ESCAPE clause. The text and the tokens are both
    // lower-cased, so the case-sensitive GLOB finds what LIKE would.
    // The FTS table drives, in rowid (= product id) order from the cursor on: a page stops after
    // `limit` matches instead of collecting every match first.
    // A token of three letters or more is a trigram phrase (MATCH: a substring, and FTS5 honours the
    // cursor's rowid bound); a shorter one has no trigram and is checked by GLOB.
    // A category or the stock flag is a facet phrase of the same query (migration 022): FTS5 walks
    // only the products that have both, however seldom the words meet the category.
    const phrases = tokens
      .filter((t) => [...t].length >= 3)
      .map((t) => `search_text : "${t.replace(/"/g, '""')}"`);
    if (query.categoryId !== undefined) phrases.push(facetPhrase.category(query.categoryId));
    if (query.inStock !== undefined) phrases.push(facetPhrase.inStock(query.inStock));
    if (phrases.length > 0) f.add('f.storefront_search MATCH ?', phrases.join(' AND '));
    for (const t of tokens.filter((x) => [...x].length < 3)) f.add('f.search_text GLOB ?', globPattern(t));
    const from = 'storefront_search f JOIN storefront_products sp ON sp.product_id = f.rowid';
    // The cursor's id as an INTEGER: the driver binds every JS number as a REAL, and FTS5 takes a
    // rowid bound only when it is an integer (fts5GetRowidLimit); a REAL one was left to SQLite to
    // check row by row, so the page walked the doclists from their start to the cursor (10 ms for a
    // page 90% deep at 1,000,000 products; 0.02 ms with the bound: docs/benchmarks.md).
    return {
      sql: '',
      where: f.where,
      params: f.params,
      searchless: false,
      from,
      key: 'f.rowid',
      bound: 'CAST(? AS INTEGER)',
      idsFirst: false,
    };
  }
  const from = 'storefront_products sp';
  return {
    sql: '',
    where: f.where,
    params: f.params,
    searchless: tokens.length === 0,
    from,
    key: 'sp.product_id',
    bound: '?',
    idsFirst: keyWalk && tokens.length > 0,
  };
}

const keyedLike =
  `(CASE WHEN sp.search_key IS NOT NULL THEN sp.search_key LIKE ? ESCAPE '\\' ` +
  `ELSE (SELECT l.search_text FROM storefront_products l WHERE l.product_id = sp.product_id) LIKE ? ESCAPE '\\' END)`;

/** Listed products in the query's category and stock state, from the maintained counts (a scalar subquery). */
export function maintainedCount(query: Pick<ProductQuery, 'categoryId' | 'inStock'>): SqlPart {
  const f = conditions();
  if (query.categoryId !== undefined) f.add('tc.category_id = ?', query.categoryId);
  if (query.inStock !== undefined) f.add('tc.in_stock = ?', query.inStock ? 1 : 0);
  return {
    sql: `(SELECT COALESCE(SUM(tc.n), 0) FROM storefront_counts tc${whereClause(f.where)})`,
    params: f.params,
  };
}

/** The search's tokens (at most 8), folded as the stored text is. */
export function searchTokens(search: string): string[] {
  return normalisePersian(search)
    .split(' ')
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/** `*token*` with GLOB's own wildcards (* ? [) matched literally. */
function globPattern(token: string): string {
  return `*${token.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}

function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  return {
    where,
    params,
    add(clause: string, ...values: unknown[]) {
      where.push(clause);
      params.push(...values);
    },
  };
}

export function whereClause(where: readonly string[]): string {
  return where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
}
