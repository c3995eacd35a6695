import type { ProductSyncState } from '../contracts/admin-catalogue.js';
import { reflected } from '../orders/stock-availability.js';
import { productPrice, publishedProduct, type SqlPart } from '../store/catalog-sql.js';

/**
 * SQL of the desk's catalogue (both dialects): every product, deleted and unpublished ones included,
 * with the facts its sync-state chip is made of. Unlike the storefront's queries these never hide a
 * row: the clerk must see what Mahak deleted or took off our visitor.
 */

/** PhotoGalleries EntityType for products; ItemCode is then the ProductId (API.md §3.4). */
export const productEntityType = 102;

export interface CatalogueOptions {
  priceLevel: number;
  storeId: number | undefined;
  now: number;
}

/** The product's live pictures (gallery link and picture both not deleted). */
const livePictures = (p: string) =>
  `FROM photo_galleries g JOIN pictures pic ON pic.id = g.picture_id WHERE g.entity_type = ${productEntityType} ` +
  `AND g.item_code = ${p}.id AND g.deleted_at IS NULL AND pic.deleted_at IS NULL`;

/** A picture whose current RowVersion the picture sync gave up on (dead-lettered). */
export const pictureFailed = (pic: string) =>
  `EXISTS (SELECT 1 FROM picture_downloads f WHERE f.picture_id = ${pic}.id AND f.row_version = ${pic}.row_version AND f.dead_lettered = 1)`;

export const pictureDownloaded = (pic: string) =>
  `(${pic}.blob_key IS NOT NULL AND ${pic}.downloaded_row_version = ${pic}.row_version)`;

/** Mahak stock (Count1) over the product's live variants, in the configured store or all stores. */
function stockOf(p: string, storeId: number | undefined): SqlPart {
  const store = storeId === undefined ? '' : ' AND s.store_id = ?';
  return {
    sql:
      `(SELECT COALESCE(SUM(s.count1), 0) FROM stock s JOIN variants sv ON sv.id = s.variant_id ` +
      `WHERE sv.product_id = ${p}.id AND sv.deleted_at IS NULL AND s.deleted_at IS NULL${store})`,
    params: storeId === undefined ? [] : [storeId],
  };
}

/** Units held by web orders and not yet in Mahak's stock (stock-availability.ts has the rule). */
function reservedOf(p: string, now: number): SqlPart {
  return {
    sql:
      `(SELECT COALESCE(SUM(r.quantity), 0) FROM stock_reservations r JOIN variants rv ON rv.id = r.variant_id ` +
      `WHERE rv.product_id = ${p}.id AND r.released_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > ?) ` +
      `AND NOT (${reflected('r')}))`,
    params: [now],
  };
}

/** The chip, most urgent first (contracts: productSyncStateSchema). */
const syncStateCase = (p: string) =>
  `CASE WHEN ${p}.deleted_at IS NOT NULL THEN 'deleted' ` +
  `WHEN NOT (${publishedProduct(p)}) THEN 'unpublished' ` +
  `WHEN EXISTS (SELECT 1 ${livePictures(p)} AND ${pictureFailed('pic')}) THEN 'needs_action' ` +
  `WHEN EXISTS (SELECT 1 ${livePictures(p)} AND NOT ${pictureDownloaded('pic')}) THEN 'pictures_pending' ` +
  `ELSE 'synced' END`;

/** Columns of one catalogue row; `p` is products, `c` categories, `w` product_web. */
export function catalogueColumns(options: CatalogueOptions): SqlPart {
  const stock = stockOf('p', options.storeId);
  const reserved = reservedOf('p', options.now);
  return {
    sql:
      `p.id, p.code, p.name, p.category_id, c.name AS category_name, p.row_version, ` +
      `w.visibility, w.featured, w.slug, ${productPrice('p', options.priceLevel)} AS price, ` +
      `${stock.sql} AS stock, ${reserved.sql} AS reserved, ` +
      `(SELECT COUNT(*) FROM variants vc WHERE vc.product_id = p.id AND vc.deleted_at IS NULL) AS variant_count, ` +
      `(SELECT COUNT(*) ${livePictures('p')}) AS picture_count, ${syncStateCase('p')} AS sync_state`,
    params: [...stock.params, ...reserved.params],
  };
}

export const catalogueFrom =
  'FROM products p LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN product_web w ON w.product_id = p.id';

/** One row as both drivers return it. */
export interface CatalogueRow {
  id: number;
  code: number | null;
  name: string | null;
  category_id: number | null;
  category_name: string | null;
  row_version: number;
  visibility: string | null;
  featured: number | null;
  slug: string | null;
  price: number | null;
  stock: number | null;
  reserved: number | null;
  variant_count: number;
  picture_count: number;
  sync_state: ProductSyncState;
}
