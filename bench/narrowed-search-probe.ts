import Database from 'better-sqlite3';
import { facetPhrase } from '../core/store/storefront-read-sql.js';
import { report } from './bench-support.js';

/**
 * A search narrowed to a category or the stock flag on a kept SQLite storefront catalogue (migration
 * 022, docs/decisions.md): the query as it was (the FTS5 search drives, the filter checked on each
 * match) against the query as it is (the filter a facet phrase of the same FTS5 query), page and
 * capped count, each the fastest of 7 runs.
 * `npx tsx bench/narrowed-search-probe.ts --file=<HAMGAM_BENCH_KEEP_DIR>/storefront-1000000.db`
 */
const file = process.argv.find((a) => a.startsWith('--file='))?.slice(7);
if (!file) throw new Error('--file=<a storefront catalogue kept by bench/storefront.bench.ts>');
const db = new Database(file, { readonly: true });

const from = 'storefront_search f JOIN storefront_products sp ON sp.product_id = f.rowid';
const page = (where: string) =>
  `SELECT sp.product_id, sp.name, (SELECT COUNT(*) FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT 101)) AS total ` +
  `FROM ${from} WHERE ${where} ORDER BY f.rowid LIMIT 21`;
const before = (word: string, filter: string) => `${filter} AND f.search_text MATCH '"${word}"'`;
// The facet phrases as the listing writes them (catalog-listing-sql.ts), so the probe follows any change.
const after = (word: string, filter: string, facet: string) =>
  `${filter} AND f.storefront_search MATCH 'search_text : "${word}"${facet ? ` AND ${facet}` : ''}'`;

const cases: [string, string, string, string][] = [
  ['کیف in category 2', 'کیف', 'sp.category_id = 2', facetPhrase.category(2)],
  ['کیف in category 1', 'کیف', 'sp.category_id = 1', facetPhrase.category(1)],
  ['مشکی in category 1', 'مشکی', 'sp.category_id = 1', facetPhrase.category(1)],
  ['کیف, in stock', 'کیف', 'sp.in_stock = 1', facetPhrase.inStock(true)],
  ['کیف alone', 'کیف', '1 = 1', ''],
];

function fastest(sql: string): { ms: number; total: number } {
  const statement = db.prepare(sql);
  let ms = Infinity;
  let total = 0;
  for (let i = 0; i < 7; i++) {
    const started = process.hrtime.bigint();
    const rows = statement.all() as { total: number }[];
    ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
    total = rows[0]?.total ?? 0;
  }
  return { ms: Math.round(ms * 100) / 100, total };
}

report(
  'narrowed-search',
  cases.map(([name, word, filter, facet]) => {
    const old = fastest(page(before(word, filter)));
    const now = fastest(page(after(word, filter, facet)));
    if (old.total !== now.total) throw new Error(`${name}: ${old.total} matches before, ${now.total} after`);
    return { query: name, matches: old.total, 'before ms': old.ms, 'after ms': now.ms };
  }),
);
db.close();
