/**
 * Storefront catalogue reads. Only published rows (not deleted, assigned to our visitor) that the shop
 * has not hidden at the desk.
 */
export interface CatalogRepo {
  listProducts(query: ProductQuery): Promise<ProductPage>;
  getProduct(id: number, options: PriceOptions): Promise<ProductView | undefined>;
  listCategories(): Promise<CategoryView[]>;
  /**
   * The catalogue version and when it changed. The storefront's HTTP cache keys on the version. Throws
   * CATALOGUE_PREPARING when the read rows are not (yet) for `scope`: a request never rebuilds them.
   */
  catalogueState(scope: PriceOptions): Promise<{ version: number; changedAt: number }>;
  /**
   * The catalogue version without a round trip, when the store can vouch that it is what a read made
   * now would give (PostgreSQL: kept from notifications, catalogue-version-feed.ts); undefined when it
   * cannot (SQLite, the listening connection down, a write of this process not read back yet, a scope
   * not checked yet): then ask catalogueState.
   */
  knownCatalogueState?(scope: PriceOptions): { version: number; changedAt: number } | undefined;
  /**
   * Makes the read rows match `scope` now (a rebuild when the sell level or the store changed, or a
   * bulk write was left unfinished), so that no storefront request pays for it: called at start-up
   * and when the desk changes the scope. A request for that scope arriving meanwhile waits for it; one
   * for a scope nobody prepares is refused with CATALOGUE_PREPARING (listProducts, catalogueState).
   */
  prepareScope(scope: PriceOptions): Promise<void>;
  /** Published variants by id with price and stock (checkout re-checks with this); others are absent. */
  getVariants(
    ids: readonly number[],
    options: PriceOptions,
  ): Promise<(VariantView & { productId: number })[]>;
}

export interface PriceOptions {
  /** Which Price1..Price10 the shop sells at (HAMGAM_SELL_PRICE_LEVEL). */
  priceLevel: number;
  /** Stock store (server id); undefined = sum over all stores. */
  storeId?: number;
  /** Epoch ms reservations are judged at (an unpaid order's hold ends at its deadline); default now. */
  now?: number;
}

export interface ProductQuery extends PriceOptions {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  categoryId?: number;
  /** Already normalised with normalisePersian. */
  search?: string;
  /** true: only products with available stock > 0; false: only those without; undefined: both. */
  inStock?: boolean;
}

export interface ProductPage {
  items: ProductSummary[];
  nextCursor: string | null;
  /** Matching products over all pages; a search counts at most `searchCountCap` (then totalExact false). */
  total: number;
  totalExact: boolean;
}

export interface ProductSummary {
  id: number;
  code: number | null;
  name: string;
  categoryId: number | null;
  /** Lowest variant price at the configured level, in rial. */
  price: number;
  stock: number;
  inStock: boolean;
  pictureIds: number[];
  /** Web-only (desk): shown first by a storefront that wants to. */
  featured: boolean;
  /** Web-only (desk): the product's URL name, unique; null when none was given. */
  slug: string | null;
}

export interface VariantView {
  id: number;
  code: number | null;
  barcode: string | null;
  properties: string | null;
  /** Rial. */
  price: number;
  stock: number;
}

export interface ProductView extends ProductSummary {
  description: string | null;
  unitName: string | null;
  variants: VariantView[];
}

export interface CategoryView {
  id: number;
  code: number | null;
  name: string;
  productCount: number;
}
