import { HamgamError } from '../errors.js';
import type {
  CatalogRepo,
  CategoryView,
  PriceOptions,
  ProductPage,
  ProductQuery,
  ProductSummary,
  ProductView,
  VariantView,
} from './catalog-repo.js';
import {
  availableVariantStock,
  decodeCursor,
  encodeCursor,
  hiddenProduct,
  priceColumn,
  publishedVariant,
  type SqlPart,
} from './catalog-sql.js';
import type { Logger } from '../logging/logger.js';
import { CatalogueVersionFeed, canFeed, type CatalogueVersion } from './catalogue-version-feed.js';
import {
  listingFilter,
  maintainedCount,
  narrowedWalkRows,
  rowsToFetch,
  searchCountCap,
  searchTokens,
  whereClause,
  type ListingFilter,
} from './catalog-listing-sql.js';
import type { Dialect, SqlDb } from './sql-db.js';
import type { ProductPageDoc } from './storefront-pages-sql.js';
import { readStorefrontState, rebuildStorefront, type StorefrontState } from './storefront-read.js';

interface ProductRow {
  id: number;
  code: number | null;
  name: string | null;
  category_id: number | null;
  price: number | null;
  stock: number | null;
  /** Web-only fields (product_web, migration 009); NULL when the shop never edited the product. */
  featured: number | null;
  slug: string | null;
}

interface VariantRow {
  id: number;
  product_id: number;
  code: number | null;
  barcode: string | null;
  properties: string | null;
  price: number | null;
  stock: number | null;
}

/** PhotoGalleries EntityType for products; ItemCode is then the ProductId (API.md §3.4). */
const productEntityType = 102;

/** The storefront catalogue on any SqlDb: one SQL text for both dialects. */
export class SqlCatalogRepo implements CatalogRepo {
  private verifiedScope: string | undefined;
  private scopeCheck: Promise<StorefrontState | undefined> | undefined;
  private preparing: { key: string; promise: Promise<void> } | undefined;
  /** PostgreSQL: the version from notifications (undefined on SQLite: its read is a local one). */
  private readonly feed: CatalogueVersionFeed | undefined;
  /** Built once: every product page runs it, and a text made anew each call is hashed again to find its prepared statement. */
  private readonly keptPage: string;

  constructor(
    private readonly db: SqlDb,
    logger: Logger,
  ) {
    this.keptPage = keptPageSql(db.dialect);
    this.feed = canFeed(db)
      ? new CatalogueVersionFeed(db, () => this.readVersion(), logger.child({ component: 'catalogue-feed' }))
      : undefined;
  }

  /**
   * One statement per page: the rows, their pictures and the total travel together. On PostgreSQL a
   * storefront page under load costs its round trips more than its execution (each statement planned
   * and executed in well under a millisecond; three of them made a page three waits in the pool).
   */
  async listProducts(query: ProductQuery): Promise<ProductPage> {
    await this.ensureScope(query);
    const limit = Math.max(1, Math.min(Math.floor(query.limit), 500));
    const afterId = query.cursor ? decodeCursor(query.cursor) : undefined;
    const filter = listingFilter(this.db.dialect, query, await this.narrowedByKey(query));
    const where = afterId === undefined ? filter.where : [...filter.where, `${filter.key} > ${filter.bound}`];
    const total = this.totalSql(query, filter);
    const fetched = rowsToFetch(limit);
    // A narrowed search on PostgreSQL finds its page's ids from the index alone, then reads those rows.
    const from = filter.idsFirst
      ? `(SELECT sp.product_id FROM ${filter.from}${whereClause(where)} ORDER BY ${filter.key} LIMIT ${fetched}) ids ` +
        `JOIN storefront_products sp ON sp.product_id = ids.product_id`
      : `${filter.from}${whereClause(where)}`;
    const rows = await this.db.query<ProductRow & { pictures: string | null; total: number }>(
      `SELECT sp.product_id AS id, sp.code, sp.name, sp.category_id, sp.price, sp.stock, sp.featured, sp.slug, ` +
        `${picturesOf(this.db.dialect, 'sp.product_id')} AS pictures, ${total.sql} AS total ` +
        `FROM ${from} ORDER BY ${filter.key} LIMIT ${fetched}`,
      [...total.params, ...filter.params, ...(afterId === undefined ? [] : [afterId])],
      // A search's plan follows its pattern's selectivity: planned per run. The other listings, and a
      // narrowed search walked in the index (no pattern can change its plan), are a handful of fixed
      // texts, planned once per connection.
      { prepared: filter.searchless || filter.idsFirst },
    );
    const page = rows.slice(0, limit);
    // An empty page carries no total: no match at all when it is the first page, else ask.
    const n =
      rows.length > 0
        ? Number(rows[0].total)
        : afterId === undefined
          ? 0
          : await this.count(`SELECT ${total.sql} AS n`, total.params);
    const capped = total.capped && n > searchCountCap;
    return {
      items: page.map((r) => toSummary(r, pictureList(r.pictures))),
      nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].id)) : null,
      total: capped ? searchCountCap : n,
      totalExact: !capped,
    };
  }

  /**
   * PostgreSQL: whether a search narrowed to a category or the stock flag walks those rows in the
   * index (listingFilter's `keyWalk`). A walk costs the rows it passes, at most all the narrowed rows,
   * which the maintained counts give; past `narrowedWalkRows` the planner's own choice is kept, which
   * may follow the word's pg_trgm matches instead (a rare word in a big set).
   */
  private async narrowedByKey(query: ProductQuery): Promise<boolean> {
    // The cheap checks first: every listing passes here, and folding the search text is not free.
    if (this.db.dialect !== 'postgres' || (query.categoryId === undefined && query.inStock === undefined))
      return false;
    if (searchTokens(query.search ?? '').length === 0) return false;
    const counted = maintainedCount(query);
    return (await this.count(`SELECT ${counted.sql} AS n`, counted.params)) <= narrowedWalkRows;
  }

  async catalogueState(scope: PriceOptions): Promise<CatalogueVersion> {
    await this.ensureScope(scope);
    return this.feed ? this.feed.read() : this.readVersion();
  }

  knownCatalogueState(scope: PriceOptions): CatalogueVersion | undefined {
    if (!this.feed || this.verifiedScope !== scopeKey(scope)) return undefined;
    return this.feed.known();
  }

  private async readVersion(): Promise<CatalogueVersion> {
    const state = await readStorefrontState(this.db);
    return { version: state?.version ?? 0, changedAt: state?.changedAt ?? 0 };
  }

  /** Rebuilds the read rows for `scope` unless they are for it already; one rebuild at a time. */
  prepareScope(scope: PriceOptions): Promise<void> {
    const key = scopeKey(scope);
    const running = this.preparing;
    if (running?.key === key) return running.promise;
    const after = running?.promise.catch(() => undefined) ?? Promise.resolve();
    const promise = after
      .then(() => rebuildStorefront(this.db, { priceLevel: scope.priceLevel, storeId: scope.storeId }))
      .then(() => {
        this.verifiedScope = key;
      })
      .finally(() => {
        if (this.preparing?.promise === promise) this.preparing = undefined;
      });
    this.preparing = { key, promise };
    return promise;
  }

  /**
   * A storefront request never rebuilds the read rows: that is catalogue-sized work (minutes at a
   * million products) and would hold the request, and every one behind it, as long. The rows must
   * already be for the request's scope (prepareScope at start-up and on the desk's settings change).
   * A request arriving while that preparation runs waits for it; one for a scope nobody prepares gets
   * CATALOGUE_PREPARING (503, Retry-After) and the caller starts the preparation (catalog-routes.ts).
   * Checked against the database once per scope this process sees, then remembered.
   */
  private async ensureScope(scope: PriceOptions): Promise<void> {
    const key = scopeKey(scope);
    if (this.verifiedScope === key) return;
    if (this.preparing?.key === key) return this.preparing.promise;
    this.scopeCheck ??= readStorefrontState(this.db).finally(() => {
      this.scopeCheck = undefined;
    });
    const state = await this.scopeCheck;
    if (state && !state.bulk && scopeKey(state) === key) {
      this.verifiedScope = key;
      return;
    }
    throw new HamgamError('CATALOGUE_PREPARING', undefined, {
      priceLevel: scope.priceLevel,
      storeId: scope.storeId ?? null,
      retryAfterSeconds: 5,
    });
  }

  /**
   * The total as a scalar subquery (evaluated once per statement): maintained counts when no search
   * narrows the list; a search counts its matches up to a cap.
   */
  private totalSql(query: ProductQuery, filter: ListingFilter): SqlPart & { capped: boolean } {
    if (!query.search || filter.searchless) return { ...maintainedCount(query), capped: false };
    // The filter's own aliases, inside a subquery of their own.
    const sql = `(SELECT COUNT(*) FROM (SELECT 1 AS one FROM ${filter.from}${whereClause(filter.where)} LIMIT ${searchCountCap + 1}) c)`;
    return { sql, params: filter.params, capped: true };
  }

  /**
   * The product page: its kept row (storefront-pages-sql.ts) when the kept rows are for this scope and
   * settled, and no reservation it subtracted has lapsed since it was written; undefined when they are
   * and it has no row (not on the storefront: an unknown id costs one lookup); computed from the source
   * tables otherwise.
   */
  async getProduct(id: number, options: PriceOptions): Promise<ProductView | undefined> {
    const now = options.now ?? Date.now();
    const [kept] = await this.db.query<{
      page: string | null;
      fresh_until: number | null;
      pictures: string | null;
    }>(this.keptPage, [id, options.priceLevel, options.storeId ?? null], { prepared: true });
    if (kept && kept.page === null) return undefined;
    if (kept?.page && (kept.fresh_until === null || Number(kept.fresh_until) > now))
      return pageView(id, JSON.parse(kept.page) as ProductPageDoc, kept.pictures);
    return this.liveProduct(id, { ...options, now });
  }

  /**
   * The product, its published variants and its pictures in one statement: a row per published variant
   * (none when the product is not on the storefront: no published variant, deleted or hidden).
   */
  private async liveProduct(id: number, options: PriceOptions): Promise<ProductView | undefined> {
    const stock = availableVariantStock('v', options.storeId, options.now ?? Date.now(), this.db.dialect);
    const rows = await this.db.query<
      VariantRow & {
        name: string | null;
        category_id: number | null;
        description: string | null;
        unit_name: string | null;
        featured: number | null;
        slug: string | null;
        product_code: number | null;
        pictures: string | null;
      }
    >(
      // The shop's own description (desk) wins over Mahak's when it has one.
      `SELECT p.code AS product_code, p.name, p.category_id, COALESCE(w.description, p.description) AS description, ` +
        `p.unit_name, w.featured, w.slug, v.id, v.product_id, v.code, v.barcode, v.properties, ` +
        `v.${priceColumn(options.priceLevel)} AS price, ${stock.sql} AS stock, ${picturesOf(this.db.dialect, 'p.id')} AS pictures ` +
        `FROM products p LEFT JOIN product_web w ON w.product_id = p.id JOIN variants v ON v.product_id = p.id ` +
        `WHERE p.id = ? AND p.deleted_at IS NULL AND NOT ${hiddenProduct('p.id')} AND ${publishedVariant('v')} ORDER BY v.id`,
      [...stock.params, id],
      // Planning this statement took PostgreSQL 1.6 ms, executing it 0.2 ms: planned once per connection.
      { prepared: true },
    );
    if (rows.length === 0) return undefined;
    const first = rows[0];
    return productView(
      id,
      {
        code: first.product_code,
        name: first.name,
        categoryId: first.category_id,
        featured: first.featured,
        slug: first.slug,
        description: first.description,
        unitName: first.unit_name,
      },
      rows.map(toVariant),
      first.pictures,
    );
  }

  /** Published variants by id (checkout re-checks price and stock with this); unknown or unpublished ids are absent. */
  async getVariants(
    ids: readonly number[],
    options: PriceOptions,
  ): Promise<(VariantView & { productId: number })[]> {
    if (ids.length === 0) return [];
    const rows = await this.variantRows(
      `v.id IN (${ids.map(() => '?').join(', ')}) AND NOT ${hiddenProduct('v.product_id')}`,
      ids,
      options,
    );
    return rows.map((v) => ({ ...v, price: v.price ?? 0 }));
  }

  async listCategories(): Promise<CategoryView[]> {
    // Counts come from the read rows, so they follow the same scope as the listing.
    if (this.verifiedScope === undefined) {
      const state = await readStorefrontState(this.db);
      if (state) await this.ensureScope(state);
    }
    const rows = await this.db.query<{
      id: number;
      code: number | null;
      name: string | null;
      product_count: number;
    }>(
      `SELECT c.id, c.code, c.name, (SELECT COALESCE(SUM(sc.n), 0) FROM storefront_counts sc WHERE sc.category_id = c.id) AS product_count ` +
        `FROM categories c WHERE c.deleted_at IS NULL ORDER BY c.id`,
      [],
      { prepared: true },
    );
    return rows.map((r) => ({
      id: Number(r.id),
      code: r.code === null ? null : Number(r.code),
      name: r.name ?? '',
      productCount: Number(r.product_count),
    }));
  }

  private async variantRows(condition: string, params: readonly unknown[], options: PriceOptions) {
    const stock = availableVariantStock('v', options.storeId, options.now ?? Date.now(), this.db.dialect);
    const rows = await this.db.query<VariantRow>(
      `SELECT v.id, v.product_id, v.code, v.barcode, v.properties, v.${priceColumn(options.priceLevel)} AS price, ${stock.sql} AS stock ` +
        `FROM variants v WHERE ${condition} AND ${publishedVariant('v')} ORDER BY v.id`,
      [...stock.params, ...params],
    );
    return rows.map(toVariant);
  }

  private async count(sql: string, params: readonly unknown[]): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(sql, params);
    return Number(row?.n ?? 0);
  }
}

const scopeKey = (scope: { priceLevel: number; storeId?: number }): string =>
  `${scope.priceLevel}:${scope.storeId ?? ''}`;

/**
 * Picture ids of a product as one text, in display order: non-deleted gallery links to non-deleted
 * pictures that the picture sync has downloaded (so every URL the storefront gets serves bytes).
 */
function picturesOf(dialect: Dialect, productId: string): string {
  const id = dialect === 'postgres' ? 'CAST(pic.id AS TEXT)' : 'pic.id';
  const agg = dialect === 'postgres' ? 'string_agg' : 'group_concat';
  return (
    `(SELECT ${agg}(${id}, ',' ORDER BY COALESCE(pic.display_order, 0), pic.id) FROM photo_galleries g ` +
    `JOIN pictures pic ON pic.id = g.picture_id WHERE g.entity_type = ${productEntityType} AND g.item_code = ${productId} ` +
    `AND g.deleted_at IS NULL AND pic.deleted_at IS NULL AND pic.blob_key IS NOT NULL)`
  );
}

/** A picture linked twice (two gallery rows) is listed once, where it first comes. */
function pictureList(text: string | null): number[] {
  if (text === null || text === '') return [];
  return [...new Set(String(text).split(',').map(Number))];
}

function toVariant(r: VariantRow) {
  return {
    id: Number(r.id),
    productId: Number(r.product_id),
    code: r.code === null ? null : Number(r.code),
    barcode: r.barcode,
    properties: r.properties,
    price: r.price === null ? null : Number(r.price),
    stock: Number(r.stock ?? 0),
  };
}

function toSummary(r: ProductRow, pictureIds: number[]): ProductSummary {
  const stock = Number(r.stock ?? 0);
  return {
    id: Number(r.id),
    code: r.code === null ? null : Number(r.code),
    name: r.name ?? '',
    categoryId: r.category_id === null ? null : Number(r.category_id),
    price: r.price === null ? 0 : Number(r.price),
    stock,
    inStock: stock > 0,
    pictureIds,
    featured: Number(r.featured ?? 0) === 1,
    slug: r.slug ?? null,
  };
}

/**
 * The kept page of a product (page NULL: the product is not on the storefront), in one row when the
 * kept rows are settled (not owed by a first load) and for this scope (sell level, store); no row
 * otherwise. Parameters: id, level, store (or null).
 */
function keptPageSql(dialect: Dialect): string {
  const sameStore = dialect === 'postgres' ? 'IS NOT DISTINCT FROM CAST(? AS BIGINT)' : 'IS ?';
  return (
    `SELECT kp.page, kp.fresh_until, ${picturesOf(dialect, 'kp.product_id')} AS pictures FROM storefront_state st ` +
    `LEFT JOIN storefront_pages kp ON kp.product_id = ? WHERE st.id = 1 AND st.bulk = 0 AND st.price_level = ? ` +
    `AND st.store_id ${sameStore}`
  );
}

type PageHead = Omit<ProductPageDoc, 'variants'>;

function pageView(id: number, doc: ProductPageDoc, pictures: string | null): ProductView {
  const variants = doc.variants
    .map(([variantId, code, barcode, properties, price, stock]) =>
      toVariant({ id: variantId, product_id: id, code, barcode, properties, price, stock }),
    )
    .sort((a, b) => a.id - b.id);
  return productView(id, doc, variants, pictures);
}

/** The page from its head and its published variants (in id order): the price is the lowest, the stock the sum. */
function productView(
  id: number,
  head: PageHead,
  variants: ReturnType<typeof toVariant>[],
  pictures: string | null,
): ProductView {
  const prices = variants.map((v) => v.price).filter((p): p is number => p !== null);
  const product: ProductRow = {
    id,
    code: head.code,
    name: head.name,
    category_id: head.categoryId,
    price: prices.length ? Math.min(...prices) : null,
    stock: variants.reduce((sum, v) => sum + v.stock, 0),
    featured: head.featured,
    slug: head.slug,
  };
  return {
    ...toSummary(product, pictureList(pictures)),
    description: head.description,
    unitName: head.unitName,
    variants: variants.map(({ productId: _productId, ...v }) => ({ ...v, price: v.price ?? 0 })),
  };
}
