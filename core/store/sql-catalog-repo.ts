import { normalisePersian } from '../domain/persian.js';
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
  likePatterns,
  priceColumn,
  productPrice,
  hiddenProduct,
  productStock,
  publishedVariant,
  searchCondition,
  storefrontProduct,
} from './catalog-sql.js';
import type { SqlDb } from './sql-db.js';

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
  constructor(private readonly db: SqlDb) {}

  async listProducts(query: ProductQuery): Promise<ProductPage> {
    const limit = Math.max(1, Math.min(Math.floor(query.limit), 500));
    const where = [storefrontProduct('p')];
    const whereParams: unknown[] = [];
    if (query.categoryId !== undefined) {
      where.push('p.category_id = ?');
      whereParams.push(query.categoryId);
    }
    for (const pattern of likePatterns(normalisePersian(query.search ?? ''))) {
      where.push(searchCondition('p'));
      whereParams.push(pattern, pattern);
    }
    const stock = productStock('p', query.storeId, query.now ?? Date.now());
    const base =
      `SELECT p.id, p.code, p.name, p.category_id, ${productPrice('p', query.priceLevel)} AS price, ${stock.sql} AS stock, ` +
      `w.featured, w.slug FROM products p LEFT JOIN product_web w ON w.product_id = p.id WHERE ${where.join(' AND ')}`;
    const baseParams = [...stock.params, ...whereParams];
    const stockFilter =
      query.inStock === undefined ? '' : query.inStock ? ' AND x.stock > 0' : ' AND x.stock <= 0';
    const afterId = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.query<ProductRow>(
      `SELECT * FROM (${base}) x WHERE 1 = 1${stockFilter}${afterId === undefined ? '' : ' AND x.id > ?'} ORDER BY x.id LIMIT ?`,
      [...baseParams, ...(afterId === undefined ? [] : [afterId]), limit + 1],
    );
    const total = stockFilter
      ? await this.count(`SELECT COUNT(*) AS n FROM (${base}) x WHERE 1 = 1${stockFilter}`, baseParams)
      : await this.count(`SELECT COUNT(*) AS n FROM products p WHERE ${where.join(' AND ')}`, whereParams);
    const page = rows.slice(0, limit);
    const pictures = await this.pictureIds(page.map((r) => Number(r.id)));
    return {
      items: page.map((r) => toSummary(r, pictures)),
      nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].id)) : null,
      total,
    };
  }

  async getProduct(id: number, options: PriceOptions): Promise<ProductView | undefined> {
    // The shop's own description (desk) wins over Mahak's when it has one.
    const [product] = await this.db.query<
      ProductRow & { description: string | null; unit_name: string | null }
    >(
      `SELECT p.id, p.code, p.name, p.category_id, COALESCE(w.description, p.description) AS description, p.unit_name, ` +
        `w.featured, w.slug FROM products p LEFT JOIN product_web w ON w.product_id = p.id WHERE p.id = ? AND ${storefrontProduct('p')}`,
      [id],
    );
    if (!product) return undefined;
    const variants = await this.variantRows('v.product_id = ?', [id], options);
    const prices = variants.map((v) => v.price).filter((p): p is number => p !== null);
    const stock = variants.reduce((sum, v) => sum + v.stock, 0);
    const pictures = await this.pictureIds([id]);
    return {
      ...toSummary({ ...product, price: prices.length ? Math.min(...prices) : null, stock }, pictures),
      description: product.description,
      unitName: product.unit_name,
      variants: variants.map(({ productId: _productId, ...v }) => ({ ...v, price: v.price ?? 0 })),
    };
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
    const rows = await this.db.query<{
      id: number;
      code: number | null;
      name: string | null;
      product_count: number;
    }>(
      `SELECT c.id, c.code, c.name, (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id AND ${storefrontProduct('p')}) AS product_count ` +
        `FROM categories c WHERE c.deleted_at IS NULL ORDER BY c.id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      code: r.code === null ? null : Number(r.code),
      name: r.name ?? '',
      productCount: Number(r.product_count),
    }));
  }

  private async variantRows(condition: string, params: readonly unknown[], options: PriceOptions) {
    const stock = availableVariantStock('v', options.storeId, options.now ?? Date.now());
    const rows = await this.db.query<VariantRow>(
      `SELECT v.id, v.product_id, v.code, v.barcode, v.properties, v.${priceColumn(options.priceLevel)} AS price, ${stock.sql} AS stock ` +
        `FROM variants v WHERE ${condition} AND ${publishedVariant('v')} ORDER BY v.id`,
      [...stock.params, ...params],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      productId: Number(r.product_id),
      code: r.code === null ? null : Number(r.code),
      barcode: r.barcode,
      properties: r.properties,
      price: r.price === null ? null : Number(r.price),
      stock: Number(r.stock ?? 0),
    }));
  }

  private async count(sql: string, params: readonly unknown[]): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(sql, params);
    return Number(row?.n ?? 0);
  }

  /**
   * Picture ids per product: non-deleted gallery links to non-deleted pictures that the picture sync has
   * downloaded (so every URL the storefront gets serves bytes), in display order.
   */
  private async pictureIds(productIds: readonly number[]): Promise<Map<number, number[]>> {
    const byProduct = new Map<number, number[]>();
    if (productIds.length === 0) return byProduct;
    const rows = await this.db.query<{ product_id: number; picture_id: number }>(
      `SELECT g.item_code AS product_id, pic.id AS picture_id FROM photo_galleries g JOIN pictures pic ON pic.id = g.picture_id ` +
        `WHERE g.entity_type = ? AND g.deleted_at IS NULL AND pic.deleted_at IS NULL AND pic.blob_key IS NOT NULL AND g.item_code IN (${productIds.map(() => '?').join(', ')}) ` +
        `ORDER BY g.item_code, COALESCE(pic.display_order, 0), pic.id`,
      [productEntityType, ...productIds],
    );
    for (const r of rows) {
      const list = byProduct.get(Number(r.product_id)) ?? [];
      if (!list.includes(Number(r.picture_id))) list.push(Number(r.picture_id));
      byProduct.set(Number(r.product_id), list);
    }
    return byProduct;
  }
}

function toSummary(r: ProductRow, pictures: Map<number, number[]>): ProductSummary {
  const stock = Number(r.stock ?? 0);
  return {
    id: Number(r.id),
    code: r.code === null ? null : Number(r.code),
    name: r.name ?? '',
    categoryId: r.category_id === null ? null : Number(r.category_id),
    price: r.price === null ? 0 : Number(r.price),
    stock,
    inStock: stock > 0,
    pictureIds: pictures.get(Number(r.id)) ?? [],
    featured: Number(r.featured ?? 0) === 1,
    slug: r.slug ?? null,
  };
}
