import { HamgamError } from '../errors.js';
import type { Dialect } from './sql-db.js';

/**
 * SQL fragments of the storefront catalogue, written once for both dialects. "Published" is the
 * storefront's one visibility rule (invariant 4): a variant is sold only while it is not deleted AND
 * has a non-deleted VisitorProducts assignment; a product only while it is not deleted AND has at
 * least one published variant. Un-assignment or delete in Mahak therefore unpublishes, undelete revives.
 */
export const publishedVariant = (v: string): string =>
  `${v}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM visitor_products vp WHERE vp.variant_id = ${v}.id AND vp.deleted_at IS NULL)`;

export const publishedProduct = (p: string): string =>
  `${p}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM variants pv WHERE pv.product_id = ${p}.id AND ${publishedVariant('pv')})`;

/**
 * Hidden at the desk (migration 009, table product_web): the shop's own choice, apart from Mahak's
 * publishing. A hidden product is neither listed nor shown nor sold; the pull never changes it.
 */
export const hiddenProduct = (productId: string): string =>
  `EXISTS (SELECT 1 FROM product_web hw WHERE hw.product_id = ${productId} AND hw.visibility = 'hidden')`;

/** What the storefront shows: published by Mahak and not hidden by the shop. */
export const storefrontProduct = (p: string): string =>
  `${publishedProduct(p)} AND NOT ${hiddenProduct(`${p}.id`)}`;

/** Column of the configured sell price level (Price1..Price10, rial); the level is spliced, so checked. */
export function priceColumn(level: number): string {
  if (!Number.isInteger(level) || level < 1 || level > 10) {
    throw new HamgamError('VALIDATION_FAILED', `Price level must be 1..10, got ${level}`, {
      priceLevel: level,
    });
  }
  return `price${level}`;
}

/** A piece of SQL with its `?` parameters in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** Stock (main unit, Count1) of one variant in the configured store, or over all stores. */
export function variantStock(v: string, storeId: number | undefined): SqlPart {
  const store = storeId === undefined ? '' : ' AND s.store_id = ?';
  return {
    sql: `(SELECT COALESCE(SUM(s.count1), 0) FROM stock s WHERE s.variant_id = ${v}.id AND s.deleted_at IS NULL${store})`,
    params: storeId === undefined ? [] : [storeId],
  };
}

/**
 * Quantity of a variant's ACTIVE reservations (core/orders/stock-availability.ts explains when one is
 * active); one `?` parameter: now (epoch ms). Uses the partial index on unreleased reservations.
 */
export function activeReservationSum(v: string, nowSql = '?'): string {
  return (
    `(SELECT COALESCE(SUM(r.quantity), 0) FROM stock_reservations r WHERE r.variant_id = ${v}.id ` +
    `AND r.released_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > ${nowSql}) AND NOT (${reflected('r')}))`
  );
}

/** The reservation's sale already shows in a pulled stock row (stock-availability.ts). */
export function reflected(r: string): string {
  return (
    `${r}.reflect_after_rv IS NOT NULL AND EXISTS (SELECT 1 FROM stock rs WHERE rs.variant_id = ${r}.variant_id ` +
    `AND (${r}.store_id IS NULL OR rs.store_id = ${r}.store_id) AND rs.row_version > ${r}.reflect_after_rv)`
  );
}

/**
 * What the storefront can really sell of a variant: synced stock less active reservations, never below
 * zero — the number checkout decides with (checkout-rules.ts), so a listing never offers units that
 * pending orders hold.
 */
export function availableVariantStock(
  v: string,
  storeId: number | undefined,
  now: number,
  dialect: Dialect,
): SqlPart {
  const stock = variantStock(v, storeId);
  // Both sums are COALESCEd, so the difference is never NULL. Its subqueries run once, where
  // CASE WHEN x > 0 THEN x ran them twice for every variant in stock (a product page of a
  // 1,000,000-product catalogue on PostgreSQL: 47 buffers instead of 59).
  return {
    sql: atLeastZero(dialect, `${stock.sql} - ${activeReservationSum(v)}`),
    params: [...stock.params, now],
  };
}

/** max(x, 0) for a number `x` that is never NULL, with `x` evaluated once. */
export function atLeastZero(dialect: Dialect, x: string): string {
  return dialect === 'postgres' ? `GREATEST(${x}, 0)` : `MAX(${x}, 0)`;
}

/**
 * The same number with the store and the clock as SQL expressions instead of parameters: the
 * storefront read table (storefront-read-sql.ts) computes it inside triggers, where nothing can be
 * bound. `storeSql` NULL means every store, as `storeId: undefined` does above.
 */
export function availableVariantStockExpr(v: string, storeSql: string, nowSql: string): string {
  const stock =
    `(SELECT COALESCE(SUM(s.count1), 0) FROM stock s WHERE s.variant_id = ${v}.id AND s.deleted_at IS NULL ` +
    `AND (${storeSql} IS NULL OR s.store_id = ${storeSql}))`;
  const left = `(${stock} - ${activeReservationSum(v, nowSql)})`;
  return `(CASE WHEN ${left} > 0 THEN ${left} ELSE 0 END)`;
}

/** Available stock of a product: summed over its published variants (each counted from zero up). */
export function productStock(p: string, storeId: number | undefined, now: number, dialect: Dialect): SqlPart {
  const available = availableVariantStock('sv', storeId, now, dialect);
  return {
    sql: `(SELECT COALESCE(SUM(${available.sql}), 0) FROM variants sv WHERE sv.product_id = ${p}.id AND ${publishedVariant('sv')})`,
    params: available.params,
  };
}

/** Price of a product: the lowest price at the level among its published variants. */
export function productPrice(p: string, level: number): string {
  return `(SELECT MIN(mv.${priceColumn(level)}) FROM variants mv WHERE mv.product_id = ${p}.id AND ${publishedVariant('mv')})`;
}

/** `%token%` patterns for LIKE ... ESCAPE '\'; the search text is already Persian-normalised. */
export function likePatterns(search: string): string[] {
  return search
    .split(' ')
    .filter((t) => t.length > 0)
    .slice(0, 8)
    .map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** One search token matches the product's own text or the text (barcode, code) of a published variant. */
export function searchCondition(p: string): string {
  return (
    `(${p}.search_text LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM variants tv WHERE tv.product_id = ${p}.id ` +
    `AND ${publishedVariant('tv')} AND tv.search_text LIKE ? ESCAPE '\\'))`
  );
}

export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ id: lastId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = (parsed as { id?: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  } catch {
    // fall through to the error below
  }
  throw new HamgamError('VALIDATION_FAILED', 'Invalid cursor', { cursor });
}
