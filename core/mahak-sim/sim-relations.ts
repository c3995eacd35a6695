import type { EntityTable } from './entity-table.js';
import type { SimDatabase } from './sim-database.js';
import type { EntityName } from './sim-entities.js';
import type { SimRow } from './sim-row.js';

const none: readonly number[] = Object.freeze([]);

type Kind =
  | 'detailsOfProduct'
  | 'assetOf'
  | 'visitorProductOf'
  | 'visitorPersonOf'
  | 'galleriesOfPicture'
  | 'galleriesOfProduct'
  | 'linesOfOrder'
  | 'chequesOfReceipt';

/**
 * Inverse relations of rows written after start-up (base rows answer the same questions arithmetically).
 * Relations never change once a row exists (a detail does not move to another product), so the index only
 * grows.
 */
export class RelationIndex {
  // One map per relation, keyed by a number or a short composite string: this sits on the hot path of
  // every GetAllData page (visibility of each product row), so no key is built when a map is empty.
  private readonly maps: Record<Kind, Map<string | number, number[]>> = {
    detailsOfProduct: new Map(),
    assetOf: new Map(),
    visitorProductOf: new Map(),
    visitorPersonOf: new Map(),
    galleriesOfPicture: new Map(),
    galleriesOfProduct: new Map(),
    linesOfOrder: new Map(),
    chequesOfReceipt: new Map(),
  };

  /** Ids related to `key`; the returned array must not be modified. */
  get(kind: Kind, key: string | number): readonly number[] {
    const m = this.maps[kind];
    return m.size === 0 ? none : (m.get(key) ?? none);
  }

  isEmpty(kind: Kind): boolean {
    return this.maps[kind].size === 0;
  }

  private add(kind: Kind, key: string | number, id: number): void {
    const list = this.maps[kind].get(key);
    if (!list) this.maps[kind].set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  index(entity: EntityName, row: SimRow, table: EntityTable): void {
    const id = row[table.def.idField] as number;
    if (table.isBaseId(id)) return;
    const n = (f: string) => row[f] as number;
    switch (entity) {
      case 'ProductDetails':
        return this.add('detailsOfProduct', n('ProductId'), id);
      case 'ProductDetailStoreAssets':
        return this.add('assetOf', `${n('ProductDetailId')}|${n('StoreId')}`, id);
      case 'VisitorProducts':
        return this.add('visitorProductOf', `${n('VisitorId')}|${n('ProductDetailId')}`, id);
      case 'VisitorPeople':
        return this.add('visitorPersonOf', `${n('VisitorId')}|${n('PersonId')}`, id);
      case 'PhotoGalleries':
        this.add('galleriesOfProduct', n('ItemCode'), id);
        return this.add('galleriesOfPicture', n('PictureId'), id);
      case 'OrderDetails':
        return this.add('linesOfOrder', n('OrderId'), id);
      case 'Cheques':
        return this.add('chequesOfReceipt', n('ReceiptId'), id);
    }
  }
}

export function detailIdsOf(db: SimDatabase, productId: number): number[] {
  const ids: number[] = [];
  if (db.tables.Products.isBaseId(productId)) {
    const { first, count } = db.catalogue.products.detailRange(productId - 1);
    for (let k = 0; k < count; k++) ids.push(first + k + 1);
  }
  const added = db.relations.get('detailsOfProduct', productId);
  return added.length === 0 ? ids : ids.concat(added);
}

export function assetIdOf(db: SimDatabase, detailId: number, storeId: number): number | undefined {
  const g = db.catalogue.products;
  if (db.tables.ProductDetails.isBaseId(detailId) && storeId >= 1 && storeId <= g.storeCount) {
    return (detailId - 1) * g.storeCount + storeId;
  }
  return db.relations.get('assetOf', `${detailId}|${storeId}`)[0];
}

export function visitorProductIdOf(db: SimDatabase, visitorId: number, detailId: number): number | undefined {
  if (visitorId === db.visitorId && db.tables.ProductDetails.isBaseId(detailId)) return detailId;
  return db.relations.get('visitorProductOf', `${visitorId}|${detailId}`)[0];
}

export function visitorPersonIdOf(db: SimDatabase, visitorId: number, personId: number): number | undefined {
  if (visitorId === db.visitorId && db.tables.People.isBaseId(personId)) return personId;
  return db.relations.get('visitorPersonOf', `${visitorId}|${personId}`)[0];
}

/** Products a picture is shown for (through PhotoGalleries with EntityType 102). */
export function productIdsOfPicture(db: SimDatabase, pictureId: number): number[] {
  const galleries = [...db.relations.get('galleriesOfPicture', pictureId)];
  if (db.tables.PhotoGalleries.isBaseId(pictureId)) galleries.unshift(pictureId);
  const out: number[] = [];
  for (const g of galleries) {
    const row = db.tables.PhotoGalleries.visible(g);
    if (row && row.EntityType === 102 && row.PictureId === pictureId) out.push(row.ItemCode as number);
  }
  return out;
}

/** Gallery links of a product: the base catalogue's one (gallery i = product i) plus any added later. */
export function galleryIdsOfProduct(db: SimDatabase, productId: number): number[] {
  const ids = db.tables.PhotoGalleries.isBaseId(productId) ? [productId] : [];
  return ids.concat(db.relations.get('galleriesOfProduct', productId));
}

export const lineIdsOf = (db: SimDatabase, orderId: number): readonly number[] =>
  db.relations.get('linesOfOrder', orderId);
export const chequeIdsOf = (db: SimDatabase, receiptId: number): readonly number[] =>
  db.relations.get('chequesOfReceipt', receiptId);
