import { availableVariantStockExpr, publishedVariant, storefrontProduct } from './catalog-sql.js';
import type { Dialect } from './sql-db.js';
import { pageRefreshStatements } from './storefront-pages-sql.js';
import {
  availableAtStateStore,
  nowSql,
  perShownProduct,
  priceAtStateLevel,
  stateStore,
} from './storefront-scope-sql.js';

export { nowSql } from './storefront-scope-sql.js';

/**
 * The storefront read table (migration 015, issue 9): one row per product the storefront lists, with
 * what a listing needs already computed — price at the sell level, stock available in the selected
 * store (synced stock less active reservations, the number checkout decides with), the Persian-folded
 * search text. A listing page then reads `limit` rows by index instead of recomputing every product.
 *
 * Rows are recomputed from the source tables, never edited in place, by one SQL text used in three
 * places: the pull (set-based, per page, in the page's transaction), row triggers on the source tables
 * (any other writer: checkout reservations, cancels, desk edits, drift re-reads) and the full rebuild.
 * The scope (price level, store) and the catalogue version live in the one row of storefront_state.
 */

export const readColumns = [
  'product_id',
  'code',
  'name',
  'category_id',
  'price',
  'stock',
  'featured',
  'slug',
  'search_text',
  'in_stock',
] as const;

/** The read rows of the products matching `condition` (on `p`), columns in `readColumns` order. */
export function readRowsSelect(dialect: Dialect, condition: string): string {
  const available = availableVariantStockExpr('sv', stateStore, nowSql(dialect));
  const variantText =
    dialect === 'postgres' ? "string_agg(tv.search_text, ' ')" : "group_concat(tv.search_text, ' ')";
  const inner =
    `SELECT p.id AS product_id, p.code, p.name, p.category_id, ` +
    `(SELECT MIN(${priceAtStateLevel('mv')}) FROM variants mv WHERE mv.product_id = p.id AND ${publishedVariant('mv')}) AS price, ` +
    `(SELECT COALESCE(SUM(${available}), 0) FROM variants sv WHERE sv.product_id = p.id AND ${publishedVariant('sv')}) AS stock, ` +
    `COALESCE(w.featured, 0) AS featured, w.slug, ` +
    // One text per product: its own and its published variants' (barcode, code, properties), so one
    // token may match either, as before; a space between them, so no token spans two.
    `COALESCE(p.search_text, '') || ' ' || COALESCE((SELECT ${variantText} FROM variants tv WHERE tv.product_id = p.id ` +
    `AND ${publishedVariant('tv')}), '') AS search_text ` +
    `FROM products p LEFT JOIN product_web w ON w.product_id = p.id WHERE ${condition} AND ${storefrontProduct('p')}`;
  const cols = readColumns.filter((c) => c !== 'in_stock').map((c) => `x.${c}`);
  return `SELECT ${cols.join(', ')}, CASE WHEN x.stock > 0 THEN 1 ELSE 0 END AS in_stock FROM (${inner}) x`;
}

/**
 * The same rows as readRowsSelect, computed set-based for the pull and the rebuild: each published
 * variant of the products is visited once and grouped, where the correlated form looks every variant
 * up four times and, through the CASE and the flattened `x.stock`, sums its stock four times. Kept
 * apart from readRowsSelect because the triggers of migration 015 (already in databases) carry that
 * text, and SQLite triggers cannot hold the ordered aggregate. `productIn` names the products (on `p`
 * and `v.product_id`), e.g. `IN (?, ?)`; an empty string means every product.
 */
export function refreshRowsSelect(dialect: Dialect, productIn: string): string {
  const available = availableAtStateStore(dialect, 'v');
  // Variants in id order, as the correlated form read them through variants_product_id_idx.
  const text =
    dialect === 'postgres'
      ? "string_agg(v.search_text, ' ' ORDER BY v.id)"
      : "group_concat(v.search_text, ' ' ORDER BY v.id)";
  return perShownProduct(dialect, productIn, {
    variantColumns: `v.product_id, MIN(${priceAtStateLevel('v')}) AS price, SUM(${available}) AS stock, ${text} AS text`,
    columns:
      `p.id AS product_id, p.code, p.name, p.category_id, a.price, a.stock, COALESCE(w.featured, 0) AS featured, ` +
      `w.slug, COALESCE(p.search_text, '') || ' ' || COALESCE(a.text, '') AS search_text, ` +
      `CASE WHEN a.stock > 0 THEN 1 ELSE 0 END AS in_stock`,
  });
}

/**
 * The pull's refresh of the products in `idsSql` (a parenthesised list of parameters): read rows and
 * product pages. Each statement comes with how many times it names the list.
 */
export function pullRefreshStatements(dialect: Dialect, idsSql: string): { sql: string; lists: number }[] {
  const [removePages, insertPages] = pageRefreshStatements(dialect, idsSql);
  return [
    { sql: `DELETE FROM storefront_products WHERE product_id IN ${idsSql}`, lists: 1 },
    {
      sql: `INSERT INTO storefront_products (${readColumns.join(', ')}) ${refreshRowsSelect(dialect, `IN ${idsSql}`)}`,
      lists: 2,
    },
    { sql: removePages, lists: 1 },
    { sql: insertPages, lists: 2 },
  ];
}

/**
 * Recomputes the read rows of the products in `idsSql` (a parenthesised list or subquery), and their
 * product pages when the triggers are of the form that keeps them (migration 023).
 */
export function refreshStatements(
  dialect: Dialect,
  idsSql: string,
  form: TriggerForm = latestTriggers,
): string[] {
  return [
    `DELETE FROM storefront_products WHERE product_id IN ${idsSql}`,
    `INSERT INTO storefront_products (${readColumns.join(', ')}) ${readRowsSelect(dialect, `p.id IN ${idsSql}`)}`,
    ...(form.productPages ? pageRefreshStatements(dialect, idsSql) : []),
  ];
}

/** PostgreSQL NOTIFY channel of catalogue version changes (migration 021): payload `<version> <changedAt>`. */
export const catalogueChannel = 'hamgam_catalogue';

export function bumpStatement(dialect: Dialect, options: { owed?: boolean } = {}): string {
  // owed: the same statement leaves the read rows owed (bulk = 1), one lock and one round trip.
  const owed = options.owed ? 'bulk = 1, ' : '';
  return `UPDATE storefront_state SET ${owed}version = version + 1, changed_at = ${nowSql(dialect)} WHERE id = 1`;
}

/** Source tables whose rows change a product's read row, and how a row names its product. */
const viaVariant = (r: string) => `(SELECT vv.product_id FROM variants vv WHERE vv.id = ${r}.variant_id)`;
export const readSources: readonly { table: string; productOf: (row: string) => string }[] = [
  { table: 'products', productOf: (r) => `${r}.id` },
  { table: 'variants', productOf: (r) => `${r}.product_id` },
  { table: 'stock', productOf: viaVariant },
  { table: 'visitor_products', productOf: viaVariant },
  { table: 'stock_reservations', productOf: viaVariant },
  { table: 'product_web', productOf: (r) => `${r}.product_id` },
];

/** Tables that change what a storefront page shows (pictures, category names) but not a read row. */
export const versionOnlySources = ['categories', 'pictures', 'photo_galleries'] as const;

/** A bulk writer (the pull) sets storefront_state.bulk inside its transaction and refreshes set-based. */
const notBulk = 'COALESCE((SELECT st.bulk FROM storefront_state st WHERE st.id = 1), 0) = 0';

/**
 * What the triggers keep, by the migration that made them: 015 the read rows, with an FTS5 row of the
 * search text alone; 022 the FTS5 row's facets too (`searchFacets`); 023 the product pages too.
 */
export interface TriggerForm {
  searchFacets: boolean;
  productPages: boolean;
}

export const latestTriggers: TriggerForm = { searchFacets: true, productPages: true };

/** The triggers in the given form (migration 015 made them in its own; a database now has the latest). */
export function triggerStatements(dialect: Dialect, form: TriggerForm = latestTriggers): string[] {
  return dialect === 'postgres' ? postgresTriggers(form) : sqliteTriggers(form);
}

function sqliteTriggers(form: TriggerForm): string[] {
  const { searchFacets } = form;
  const out = sqliteSourceTriggers(form).map((t) => `CREATE TRIGGER ${t.name} ${t.body}`);
  // Counts per (category, in stock) and the FTS5 index follow the read rows, whoever wrote them.
  out.push(
    searchFacets
      ? sqliteReadInsertTrigger()
      : `CREATE TRIGGER sf_read_insert AFTER INSERT ON storefront_products BEGIN ${countInsert}; ` +
          `INSERT INTO storefront_search (rowid, search_text) VALUES (NEW.product_id, NEW.search_text); END`,
    `CREATE TRIGGER sf_read_delete AFTER DELETE ON storefront_products BEGIN ` +
      `UPDATE storefront_counts SET n = n - 1 WHERE category_id = COALESCE(OLD.category_id, 0) AND in_stock = OLD.in_stock; ` +
      `DELETE FROM storefront_search WHERE rowid = OLD.product_id; END`,
  );
  return out;
}

const countInsert =
  'INSERT INTO storefront_counts (category_id, in_stock, n) VALUES (COALESCE(NEW.category_id, 0), NEW.in_stock, 1) ' +
  'ON CONFLICT (category_id, in_stock) DO UPDATE SET n = storefront_counts.n + 1';

/** SQLite's trigger that adds a read row's count and its FTS5 row (migration 022's form). */
export function sqliteReadInsertTrigger(): string {
  return (
    `CREATE TRIGGER sf_read_insert AFTER INSERT ON storefront_products BEGIN ${countInsert}; ` +
    `INSERT INTO storefront_search (rowid, search_text, facets) VALUES (NEW.product_id, NEW.search_text, ${searchFacetsOf('NEW')}); END`
  );
}

/**
 * SQLite: a read row's category and stock flag as words of the FTS5 row's `facets` column, so that a
 * search narrowed to a category or to what is in stock is one FTS5 query: the doclists of the words
 * and of the facet are intersected in product id order from the cursor. Before, the page walked the
 * search's matches and checked the category on each, so a word that seldom meets the category read
 * all of them (74-90 ms at 1,000,000 products; docs/decisions.md). `c<id>c` and `s<0|1>s` are
 * trigram phrases (three letters or more) that occur in no other facet: a category's marker is
 * closed by a `c` on both sides, so `c1c` is not inside `c11c`.
 */
export function searchFacetsOf(row: string): string {
  return `'c' || COALESCE(${row}.category_id, 'n') || 'c s' || ${row}.in_stock || 's'`;
}

/** The FTS5 phrases that match the facets `searchFacetsOf` wrote (a number, never a customer's text). */
export const facetPhrase = {
  category: (id: number) => `facets : "c${Math.trunc(id)}c"`,
  inStock: (inStock: boolean) => `facets : "s${inStock ? 1 : 0}s"`,
};

/**
 * SQLite's triggers on the source tables, each quiet while `storefront_state.bulk` is set. While a
 * first load leaves the read rows owed they do nothing but cost: checking the flag made a variants
 * insert 1.4-1.6x slower (docs/benchmarks.md), so such a load drops them (quietTriggerStatements) in the
 * transaction that commits the flag, and the rebuild that clears it creates them again.
 */
function sqliteSourceTriggers(form: TriggerForm = latestTriggers): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const ops = [
    ['insert', 'INSERT', ['NEW']],
    ['update', 'UPDATE', ['OLD', 'NEW']],
    ['delete', 'DELETE', ['OLD']],
  ] as const;
  for (const { table, productOf } of readSources) {
    for (const [name, op, rows] of ops) {
      const ids = `(${rows.map(productOf).join(', ')})`;
      const body = [bumpStatement('sqlite'), ...refreshStatements('sqlite', ids, form)];
      out.push({
        name: `sf_${table}_${name}`,
        body: `AFTER ${op} ON ${table} WHEN ${notBulk} BEGIN ${body.join('; ')}; END`,
      });
    }
  }
  for (const table of versionOnlySources) {
    for (const [name, op] of ops) {
      out.push({
        name: `sf_${table}_${name}`,
        body: `AFTER ${op} ON ${table} WHEN ${notBulk} BEGIN ${bumpStatement('sqlite')}; END`,
      });
    }
  }
  return out;
}

/** PostgreSQL's function every source trigger calls, after `CREATE` or `CREATE OR REPLACE`. */
export function postgresRefreshFunction(form: TriggerForm = latestTriggers): string {
  // The state row is locked first, as the pull does: two writers never wait on each other in a cycle.
  const refresh = [bumpStatement('postgres'), ...refreshStatements('postgres', '(pid)', form)];
  return `FUNCTION sf_refresh(pid BIGINT) RETURNS void LANGUAGE plpgsql AS $$ BEGIN ${refresh.join('; ')}; END $$`;
}

/** SQLite: the source tables' triggers in the latest form, made again (migration 023). */
export function sqliteSourceTriggersRemade(): string[] {
  return sqliteSourceTriggers().flatMap((t) => [
    `DROP TRIGGER IF EXISTS ${t.name}`,
    `CREATE TRIGGER ${t.name} ${t.body}`,
  ]);
}

/** SQLite: drops the source tables' triggers; only in a transaction that commits `bulk = 1`. */
export function quietTriggerStatements(): string[] {
  return sqliteSourceTriggers().map((t) => `DROP TRIGGER IF EXISTS ${t.name}`);
}

/** SQLite: the source tables' triggers again, where they were dropped; with the `bulk = 0` they guard. */
export function restoreTriggerStatements(): string[] {
  return sqliteSourceTriggers().map((t) => `CREATE TRIGGER IF NOT EXISTS ${t.name} ${t.body}`);
}

function postgresTriggers(form: TriggerForm): string[] {
  const out = [`CREATE ${postgresRefreshFunction(form)}`];
  for (const { table, productOf } of readSources) {
    out.push(
      `CREATE FUNCTION sf_on_${table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF NOT (${notBulk}) THEN RETURN NULL; END IF; ` +
        `IF TG_OP <> 'INSERT' THEN PERFORM sf_refresh(${productOf('OLD')}); END IF; ` +
        `IF TG_OP <> 'DELETE' THEN PERFORM sf_refresh(${productOf('NEW')}); END IF; ` +
        `RETURN NULL; END $$`,
      `CREATE TRIGGER sf_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION sf_on_${table}()`,
    );
  }
  out.push(
    `CREATE FUNCTION sf_on_version_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
      `IF ${notBulk} THEN ${bumpStatement('postgres')}; END IF; RETURN NULL; END $$`,
  );
  for (const table of versionOnlySources) {
    out.push(
      `CREATE TRIGGER sf_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION sf_on_version_only()`,
    );
  }
  out.push(
    `CREATE FUNCTION sf_on_read() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
      `IF TG_OP = 'INSERT' THEN INSERT INTO storefront_counts (category_id, in_stock, n) ` +
      `VALUES (COALESCE(NEW.category_id, 0), NEW.in_stock, 1) ` +
      `ON CONFLICT (category_id, in_stock) DO UPDATE SET n = storefront_counts.n + 1; ` +
      `ELSE UPDATE storefront_counts SET n = n - 1 WHERE category_id = COALESCE(OLD.category_id, 0) AND in_stock = OLD.in_stock; ` +
      `END IF; RETURN NULL; END $$`,
    `CREATE TRIGGER sf_read AFTER INSERT OR DELETE ON storefront_products FOR EACH ROW EXECUTE FUNCTION sf_on_read()`,
  );
  return out;
}
