import { HamgamError } from '../errors.js';
import { categories, propertyNames } from './catalogue-words.js';
import type { DeskAction, DeskResult, NewDetail, NewProduct } from './sim-desk-actions.js';
import type { SimDatabase, SimTx } from './sim-database.js';
import type { EntityName } from './sim-entities.js';
import { prices, visitorProductRow } from './product-rows.js';
import { addPicture, deletePicture, replacePicture } from './sim-desk-pictures.js';
import { addPerson, unassignPerson } from './sim-desk-people.js';
import { assetIdOf, detailIdsOf, galleryIdsOfProduct, visitorProductIdOf } from './sim-relations.js';
import { refreshVisitorStock, writeStock } from './sim-stock.js';
import type { SimRow } from './sim-row.js';

type Out = Omit<DeskResult, 'written'>;

function mustGet(tx: SimTx, entity: EntityName, id: number): SimRow {
  const row = tx.get(entity, id);
  if (!row) throw new HamgamError('NOT_FOUND', `${entity} ${id} does not exist in the simulator`);
  return row;
}

/** Run one desk action inside `tx`. */
export function runDeskAction(db: SimDatabase, tx: SimTx, a: DeskAction): Out {
  switch (a.op) {
    case 'setPrices':
      mustGet(tx, 'ProductDetails', a.detailId);
      tx.update('ProductDetails', a.detailId, priceFields(a.prices));
      return { detailIds: [a.detailId] };
    case 'setStock':
      mustGet(tx, 'ProductDetails', a.detailId);
      if (a.storeId > db.catalogue.storeCount)
        throw new HamgamError('NOT_FOUND', `Store ${a.storeId} does not exist`);
      writeStock(tx, db, a.detailId, a.storeId, a.count1, a.count2);
      return { detailIds: [a.detailId] };
    case 'addProduct':
      return addProduct(db, tx, a.product);
    case 'updateProduct':
      mustGet(tx, 'Products', a.productId);
      tx.update('Products', a.productId, { ...a.patch, ProductId: a.productId });
      return { productId: a.productId };
    case 'deleteProduct':
    case 'restoreProduct':
      return setProductDeleted(db, tx, a.productId, a.op === 'deleteProduct');
    case 'unassignDetail':
      return unassignDetail(db, tx, a.detailId);
    case 'assignDetail':
      return assignDetail(db, tx, a.detailId);
    case 'addPerson':
      return addPerson(db, tx, a.person);
    case 'updatePerson':
      mustGet(tx, 'People', a.personId);
      tx.update('People', a.personId, { ...a.patch, PersonId: a.personId });
      return { personId: a.personId };
    case 'deletePerson':
      mustGet(tx, 'People', a.personId);
      tx.update('People', a.personId, { Deleted: true });
      return { personId: a.personId };
    case 'unassignPerson':
      return unassignPerson(db, tx, a.personId);
    case 'replacePicture':
      return replacePicture(tx, a.pictureId);
    case 'addPicture': {
      const product = mustGet(tx, 'Products', a.productId);
      return { productId: a.productId, pictureId: addPicture(tx, a.productId, product.Name as string) };
    }
    case 'deletePicture':
      return deletePicture(db, tx, a.pictureId);
    case 'touch':
      mustGet(tx, a.entity, a.id);
      tx.update(a.entity, a.id);
      return {};
  }
}

function priceFields(input: Record<string, number>): SimRow {
  const out: SimRow = {};
  for (const [k, v] of Object.entries(input)) {
    const m = /^price(10|[1-9])$/i.exec(k);
    if (m) out[`Price${m[1]}`] = v;
    else if (k.toLowerCase() === 'customerprice') out.CustomerPrice = v;
    else
      throw new HamgamError(
        'VALIDATION_FAILED',
        `unknown price field ${k} (use Price1..Price10 or CustomerPrice)`,
      );
  }
  return out;
}

function propertiesJson(props: Record<string, string> | undefined): string {
  if (!props || Object.keys(props).length === 0) return '';
  const codeOf = (k: string) => Object.entries(propertyNames).find(([, n]) => n === k)?.[0] ?? k;
  return JSON.stringify(Object.entries(props).map(([k, v]) => ({ C: codeOf(k), V: v })));
}

function addProduct(db: SimDatabase, tx: SimTx, p: NewProduct): Out {
  const categoryId = p.categoryId ?? 1;
  const words = categories[(categoryId - 1) % categories.length];
  const product = tx.insert('Products', (id) => ({
    ProductId: id,
    ProductClientId: 0,
    ProductCode: id + 1000,
    ProductCategoryId: categoryId,
    ProductCategoryClientId: 0,
    ProductCategoryCode: categoryId + 100,
    Name: p.name,
    UnitName: p.unitName ?? words.unit,
    UnitName2: '',
    UnitRatio: 0,
    Tags: words.name,
    Min: 0,
    TaxPercent: words.taxFree ? 0 : 3,
    ChargePercent: words.taxFree ? 0 : 7,
    Type: 0,
    Description: p.description ?? p.name,
  }));
  const productId = product.ProductId as number;
  const detailIds = (p.details ?? [{}]).map((d) => addDetail(db, tx, product, d, p.assign !== false));
  let pictureId: number | undefined;
  if (p.picture !== false) pictureId = addPicture(tx, productId, p.name);
  return { productId, detailIds, pictureId };
}

function addDetail(db: SimDatabase, tx: SimTx, product: SimRow, d: NewDetail, assign: boolean): number {
  const p1 = d.price1 ?? d.prices?.Price1 ?? 1_000_000;
  const level = (f: number) => Math.round((p1 * f) / 1000) * 1000;
  const detail = tx.insert('ProductDetails', (id) => ({
    ProductDetailClientId: 0,
    ProductDetailCode: id + 5000,
    ProductId: product.ProductId,
    ProductClientId: 0,
    ProductCode: product.ProductCode,
    Properties: propertiesJson(d.properties),
    Properties2: '',
    Barcode: d.barcode ?? '',
    ...prices([p1, level(0.95), level(0.9), level(0.92), level(0.88)]),
    ...(d.prices ? priceFields(d.prices) : {}),
    Discount: 0,
    DiscountType: 1,
    DefaultSellPriceLevel: 1,
    CustomerPrice: p1,
    Serials: '',
  }));
  const detailId = detail.ProductDetailId as number;
  let total = 0;
  for (let s = 1; s <= db.catalogue.storeCount; s++) {
    const count1 = d.stock?.[String(s)] ?? 0;
    total += count1;
    tx.insert('ProductDetailStoreAssets', {
      ProductDetailId: detailId,
      StoreId: s,
      Count1: count1,
      Count2: 0,
    });
  }
  if (assign) {
    tx.insert('VisitorProducts', (id) =>
      visitorProductRow(id, detailId, detailId + 5000, db.visitorId, total, 0, 0),
    );
  }
  return detailId;
}

function setProductDeleted(db: SimDatabase, tx: SimTx, productId: number, deleted: boolean): Out {
  mustGet(tx, 'Products', productId);
  tx.update('Products', productId, { Deleted: deleted });
  const detailIds = detailIdsOf(db, productId);
  for (const d of detailIds) tx.update('ProductDetails', d, { Deleted: deleted });
  return { productId, detailIds };
}

function unassignDetail(db: SimDatabase, tx: SimTx, detailId: number): Out {
  const vpId = visitorProductIdOf(db, db.visitorId, detailId);
  if (vpId === undefined || !tx.get('VisitorProducts', vpId))
    throw new HamgamError('NOT_FOUND', `ProductDetail ${detailId} is not assigned`);
  tx.update('VisitorProducts', vpId, { Deleted: true });
  return { detailIds: [detailId] };
}

/** Re-assigning touches the product's rows: changes made while it was hidden were never delivered. */
function assignDetail(db: SimDatabase, tx: SimTx, detailId: number): Out {
  const detail = mustGet(tx, 'ProductDetails', detailId);
  const vpId = visitorProductIdOf(db, db.visitorId, detailId);
  if (vpId !== undefined && tx.get('VisitorProducts', vpId))
    tx.update('VisitorProducts', vpId, { Deleted: false });
  else
    tx.insert('VisitorProducts', (id) =>
      visitorProductRow(id, detailId, detail.ProductDetailCode as number, db.visitorId, 0, 0, 0),
    );
  const productId = detail.ProductId as number;
  tx.update('Products', productId);
  tx.update('ProductDetails', detailId);
  for (let s = 1; s <= db.catalogue.storeCount; s++) {
    const a = assetIdOf(db, detailId, s);
    if (a !== undefined && tx.get('ProductDetailStoreAssets', a)) tx.update('ProductDetailStoreAssets', a);
  }
  touchPictures(db, tx, productId);
  refreshVisitorStock(tx, db, detailId);
  return { productId, detailIds: [detailId] };
}

/** The product's gallery links and pictures were hidden with it: deliver them again too. */
function touchPictures(db: SimDatabase, tx: SimTx, productId: number): void {
  for (const g of galleryIdsOfProduct(db, productId)) {
    const gallery = tx.get('PhotoGalleries', g);
    if (!gallery || gallery.EntityType !== 102 || gallery.ItemCode !== productId) continue;
    tx.update('PhotoGalleries', g);
    if (tx.get('Pictures', gallery.PictureId as number)) tx.update('Pictures', gallery.PictureId as number);
  }
}
