import type { CatalogueDetail, CatalogueVariant } from '../contracts/admin-catalogue.js';
import { HamgamError } from '../errors.js';
import { activeReservationSum } from '../orders/stock-availability.js';
import { priceColumn, publishedVariant, variantStock } from '../store/catalog-sql.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { toCatalogueItem } from './catalogue-list.js';
import {
  catalogueColumns,
  catalogueFrom,
  pictureDownloaded,
  pictureFailed,
  productEntityType,
  type CatalogueOptions,
  type CatalogueRow,
} from './catalogue-sql.js';
import { productDeadLetters } from './product-dead-letters.js';

const iso = (ms: unknown): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

interface DetailRow extends CatalogueRow {
  client_id: number | null;
  unit_name: string | null;
  tags: string | null;
  tax_percent: number | null;
  charge_percent: number | null;
  description: string | null;
  deleted_at: number | null;
  web_description: string | null;
  web_updated_at: number | null;
  web_updated_by: string | null;
}

/** One product as the desk shows it: Mahak's fields, the shop's fields, variants, pictures, dead letters. */
export async function catalogueDetail(
  db: SqlExecutor,
  id: number,
  options: CatalogueOptions,
): Promise<Omit<CatalogueDetail, 'lastPulledAt'>> {
  const columns = catalogueColumns(options);
  const [row] = await db.query<DetailRow>(
    `SELECT ${columns.sql}, p.client_id, p.unit_name, p.tags, p.tax_percent, p.charge_percent, p.description, ` +
      `p.deleted_at, w.description AS web_description, w.updated_at AS web_updated_at, ` +
      `COALESCE(sa.username, w.updated_by) AS web_updated_by ${catalogueFrom} ` +
      `LEFT JOIN staff_accounts sa ON sa.id = w.updated_by WHERE p.id = ?`,
    [...columns.params, id],
  );
  if (!row) throw new HamgamError('NOT_FOUND', `Product ${id} not found`, { resource: 'product', id });
  const item = toCatalogueItem(row);
  const pictures = await picturesOf(db, id);
  return {
    id,
    syncState: item.syncState,
    mahak: {
      clientId: num(row.client_id),
      code: item.code,
      name: item.name,
      categoryId: item.categoryId,
      categoryName: item.categoryName,
      unitName: row.unit_name,
      tags: row.tags,
      taxPercent: num(row.tax_percent),
      chargePercent: num(row.charge_percent),
      description: row.description,
      rowVersion: item.rowVersion,
      deletedAt: iso(row.deleted_at),
    },
    web: {
      description: row.web_description,
      visibility: item.visibility,
      featured: item.featured,
      slug: item.slug,
      updatedAt: iso(row.web_updated_at),
      updatedBy: row.web_updated_by,
    },
    price: item.price,
    stock: item.stock,
    reserved: item.reserved,
    variants: await variantsOf(db, id, options),
    pictures,
    deadLetters: await productDeadLetters(db, id, new Set(pictures.map((p) => p.id))),
  };
}

async function variantsOf(db: SqlExecutor, productId: number, options: CatalogueOptions) {
  const stock = variantStock('v', options.storeId);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT v.id, v.code, v.client_id, v.barcode, v.properties, v.${priceColumn(options.priceLevel)} AS price, ` +
      `${stock.sql} AS stock, ${activeReservationSum('v')} AS reserved, v.row_version, v.deleted_at, ` +
      `CASE WHEN ${publishedVariant('v')} THEN 1 ELSE 0 END AS published FROM variants v WHERE v.product_id = ? ORDER BY v.id`,
    [...stock.params, options.now, productId],
  );
  return rows.map((r): CatalogueVariant => ({
    id: Number(r.id),
    code: num(r.code),
    clientId: num(r.client_id),
    barcode: (r.barcode as string | null) ?? null,
    properties: (r.properties as string | null) ?? null,
    price: num(r.price),
    stock: Number(r.stock ?? 0),
    reserved: Number(r.reserved ?? 0),
    rowVersion: Number(r.row_version),
    published: Number(r.published) === 1,
    deleted: r.deleted_at !== null,
  }));
}

async function picturesOf(db: SqlExecutor, productId: number) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT DISTINCT pic.id, pic.file_name, pic.row_version, pic.display_order, ` +
      `CASE WHEN ${pictureDownloaded('pic')} THEN 'downloaded' WHEN ${pictureFailed('pic')} THEN 'failed' ELSE 'pending' END AS status, ` +
      `f.attempts, f.last_error FROM photo_galleries g JOIN pictures pic ON pic.id = g.picture_id ` +
      `LEFT JOIN picture_downloads f ON f.picture_id = pic.id AND f.row_version = pic.row_version ` +
      `WHERE g.entity_type = ? AND g.item_code = ? AND g.deleted_at IS NULL AND pic.deleted_at IS NULL ` +
      `ORDER BY pic.display_order, pic.id`,
    [productEntityType, productId],
  );
  return rows.map((r) => {
    const status = r.status as 'downloaded' | 'pending' | 'failed';
    return {
      id: Number(r.id),
      url: status === 'downloaded' ? `/api/v1/pictures/${Number(r.id)}` : null,
      fileName: (r.file_name as string | null) ?? null,
      status,
      attempts: Number(r.attempts ?? 0),
      lastError: (r.last_error as string | null) ?? null,
      rowVersion: Number(r.row_version),
    };
  });
}
