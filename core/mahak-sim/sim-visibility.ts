import type { SimDatabase } from './sim-database.js';
import type { EntityName } from './sim-entities.js';
import { productIdsOfPicture, visitorPersonIdOf, visitorProductIdOf } from './sim-relations.js';
import type { SimRow } from './sim-row.js';

export interface ViewOptions {
  visitorId: number;
  /** GetAllData `orderTypes` filter (API.md §3.1); applies to Orders and their OrderDetails. */
  orderTypes?: number[];
}

/**
 * What a visitor sees (API.md §3.2 "Visibility"): goods only through VisitorProducts assigned to the visitor,
 * people only through VisitorPeople. The assignment rows themselves are always delivered, so an un-assignment
 * reaches the client as a VisitorProducts/VisitorPeople row with Deleted: true. The sim filters on the
 * *current* assignment: changes to an un-assigned product are not delivered, and re-assigning touches the
 * product's rows so they are delivered again.
 */
export function visibilityFilter(
  db: SimDatabase,
  entity: EntityName,
  view: ViewOptions,
): (row: SimRow) => boolean {
  const v = view.visitorId;
  const n = (row: SimRow, f: string) => row[f] as number;
  switch (entity) {
    case 'Products':
      return (row) => isProductVisible(db, v, n(row, 'ProductId'));
    case 'ProductDetails':
    case 'ProductDetailStoreAssets':
      return (row) => isDetailAssigned(db, v, n(row, 'ProductDetailId'));
    case 'VisitorProducts':
    case 'VisitorPeople':
    case 'Visitors':
    case 'Receipts':
      return (row) => n(row, 'VisitorId') === v;
    case 'Settings':
      return (row) => !row.VisitorId || n(row, 'VisitorId') === v;
    case 'Pictures':
      return (row) => isPictureVisible(db, v, n(row, 'PictureId'));
    case 'PhotoGalleries':
      return (row) => row.EntityType !== 102 || isProductVisible(db, v, n(row, 'ItemCode'));
    case 'People':
      return (row) => isPersonAssigned(db, v, n(row, 'PersonId'));
    case 'Orders':
      return (row) => isOrderVisible(row, view);
    case 'OrderDetails':
      return (row) => {
        const order = db.tables.Orders.visible(n(row, 'OrderId'));
        return order !== undefined && isOrderVisible(order, view);
      };
    case 'Cheques':
      return (row) => {
        const receipt = db.tables.Receipts.visible(n(row, 'ReceiptId'));
        return receipt !== undefined && receipt.VisitorId === v;
      };
    default:
      return () => true;
  }
}

function isOrderVisible(order: SimRow, view: ViewOptions): boolean {
  if (order.VisitorId !== view.visitorId) return false;
  return (
    !view.orderTypes || view.orderTypes.length === 0 || view.orderTypes.includes(order.OrderType as number)
  );
}

export function isDetailAssigned(db: SimDatabase, visitorId: number, detailId: number): boolean {
  const vpId = visitorProductIdOf(db, visitorId, detailId);
  if (vpId === undefined) return false;
  const table = db.tables.VisitorProducts;
  // Fast path: an untouched base assignment row is assigned to the base visitor and not deleted.
  if (table.isBaseId(vpId) && !table.isOverlaid(vpId)) return visitorId === db.visitorId;
  const vp = table.visible(vpId);
  return vp !== undefined && vp.Deleted !== true && vp.VisitorId === visitorId;
}

/** A product is visible while any of its details is assigned. Allocation-free: it runs for every product row. */
export function isProductVisible(db: SimDatabase, visitorId: number, productId: number): boolean {
  if (db.tables.Products.isBaseId(productId)) {
    const { first, count } = db.catalogue.products.detailRange(productId - 1);
    for (let k = 1; k <= count; k++) if (isDetailAssigned(db, visitorId, first + k)) return true;
  }
  for (const d of db.relations.get('detailsOfProduct', productId))
    if (isDetailAssigned(db, visitorId, d)) return true;
  return false;
}

export function isPersonAssigned(db: SimDatabase, visitorId: number, personId: number): boolean {
  const vpId = visitorPersonIdOf(db, visitorId, personId);
  if (vpId === undefined) return false;
  const row = db.tables.VisitorPeople.visible(vpId);
  return row !== undefined && row.Deleted !== true && row.VisitorId === visitorId;
}

/** A product picture follows its product; a picture not linked to a product (a client's upload) is visible. */
function isPictureVisible(db: SimDatabase, visitorId: number, pictureId: number): boolean {
  const products = productIdsOfPicture(db, pictureId);
  return products.length === 0 || products.some((p) => isProductVisible(db, visitorId, p));
}
