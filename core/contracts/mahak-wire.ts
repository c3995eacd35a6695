import { z } from 'zod';
import { deletedFlag, int, int64, num, opt, str } from './mahak-wire-primitives.js';

export { int64 } from './mahak-wire-primitives.js';
export * from './mahak-wire-envelope.js';
export * from './mahak-wire-keys.js';

/**
 * Mahak's wire format (API.md §1.4): responses are PascalCase, but we read case-insensitively because
 * clients and servers disagree on casing. Every record is normalised to the canonical PascalCase keys
 * below before validation; unknown keys are kept so the raw payload survives beside the mapped row.
 */

const base = { Deleted: deletedFlag, RowVersion: int64 };

export const productCategoryWire = z.looseObject({
  ProductCategoryId: int,
  ProductCategoryClientId: opt(int64),
  ProductCategoryCode: opt(int),
  Name: opt(str),
  Color: opt(str),
  Icon: opt(str),
  ...base,
});

export const productWire = z.looseObject({
  ProductId: int,
  ProductClientId: opt(int64),
  ProductCode: opt(int),
  ProductCategoryId: opt(int),
  Name: opt(str),
  UnitName: opt(str),
  UnitName2: opt(str),
  UnitRatio: opt(num),
  Tags: opt(str),
  Min: opt(num),
  TaxPercent: opt(num),
  ChargePercent: opt(num),
  Weight: opt(num),
  Description: opt(str),
  ...base,
});

const priceFields = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [`Price${i + 1}`, opt(num)]),
) as Record<`Price${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`, ReturnType<typeof opt<typeof num>>>;

export const productDetailWire = z.looseObject({
  ProductDetailId: int,
  ProductDetailClientId: opt(int64),
  ProductDetailCode: opt(int),
  ProductId: int,
  Properties: opt(str),
  Properties2: opt(str),
  Barcode: opt(str),
  ...priceFields,
  Discount: opt(num),
  DefaultSellPriceLevel: opt(int),
  CustomerPrice: opt(num),
  Count1: opt(num),
  Count2: opt(num),
  ...base,
});

export const visitorProductWire = z.looseObject({
  VisitorProductId: int,
  ProductDetailId: int,
  VisitorId: opt(int),
  Count1: opt(num),
  Count2: opt(num),
  Price: opt(num),
  ...base,
});

export const productDetailStoreAssetWire = z.looseObject({
  ProductDetailStoreAssetId: int,
  ProductDetailId: int,
  StoreId: int,
  Count1: opt(num),
  Count2: opt(num),
  ...base,
});

export const storeWire = z.looseObject({
  StoreId: int,
  StoreClientId: opt(int64),
  StoreCode: opt(int),
  Name: opt(str),
  Comment: opt(str),
  ...base,
});

/** Bank accounts of the shop (API.md Appendix A BankModel): a web payment's Cheque names one (Cheque.BankId). */
export const bankWire = z.looseObject({
  BankId: int,
  BankClientId: opt(int64),
  BankCode: opt(int),
  Name: opt(str),
  BankName: opt(str),
  ...base,
});

export const costLevelNameWire = z.looseObject({
  CostLevelNameId: int,
  CostLevelNameCode: opt(int),
  Name: opt(str),
  ...base,
});

export const pictureWire = z.looseObject({
  PictureId: int,
  PictureClientId: opt(int64),
  PictureCode: opt(int),
  FileName: opt(str),
  DisplayOrder: opt(int),
  Title: opt(str),
  Url: opt(str),
  FileSize: opt(int64),
  Width: opt(int),
  Height: opt(int),
  Format: opt(str),
  ...base,
});

export const photoGalleryWire = z.looseObject({
  PhotoGalleryId: int,
  PictureId: int,
  EntityType: opt(int),
  ItemCode: opt(int64),
  ItemType: opt(int),
  ...base,
});

export const personWire = z.looseObject({
  PersonId: int,
  PersonClientId: opt(int64),
  PersonCode: opt(int),
  PersonGroupId: opt(int),
  PersonType: opt(int),
  FirstName: opt(str),
  LastName: opt(str),
  Organization: opt(str),
  NationalCode: opt(str),
  Email: opt(str),
  Mobile: opt(str),
  Phone: opt(str),
  Address: opt(str),
  City: opt(str),
  State: opt(str),
  PostalCode: opt(str),
  Credit: opt(num),
  Balance: opt(num),
  SellPriceLevel: opt(int),
  DiscountPercent: opt(num),
  ...base,
});

export const personGroupWire = z.looseObject({
  PersonGroupId: int,
  PersonGroupClientId: opt(int64),
  PersonGroupCode: opt(int),
  Name: opt(str),
  SellPriceLevel: opt(int),
  DiscountPercent: opt(num),
  ...base,
});

export const visitorPersonWire = z.looseObject({
  VisitorPersonId: int,
  PersonId: int,
  VisitorId: opt(int),
  ...base,
});

export const settingWire = z.looseObject({
  SettingId: int,
  SettingCode: opt(int),
  VisitorId: opt(int),
  Value: opt(str),
  ...base,
});

/** Orders as read back with GetAllData (RowVersion exists on the wire though not in the spec, API.md §3.4). */
export const orderWire = z.looseObject({
  OrderId: int,
  OrderClientId: opt(int64),
  OrderCode: opt(int),
  PersonId: opt(int),
  VisitorId: opt(int),
  OrderType: opt(int),
  OrderDate: opt(str),
  Discount: opt(num),
  SendCost: opt(num),
  Description: opt(str),
  ...base,
});

export const orderDetailWire = z.looseObject({
  OrderDetailId: int,
  OrderDetailClientId: opt(int64),
  OrderId: opt(int),
  ProductDetailId: opt(int),
  Price: opt(num),
  Count1: opt(num),
  StoreId: opt(int),
  ...base,
});

export const receiptWire = z.looseObject({
  ReceiptId: int,
  ReceiptClientId: opt(int64),
  OrderId: opt(int),
  OrderClientId: opt(int64),
  PersonId: opt(int),
  CashAmount: opt(num),
  ...base,
});

export const chequeWire = z.looseObject({
  ChequeId: int,
  ChequeClientId: opt(int64),
  ReceiptId: opt(int),
  ReceiptClientId: opt(int64),
  Amount: opt(num),
  ...base,
});

/** One pulled (or read-back) Mahak entity: its collection, its cursor field and its schema. */
export interface WireEntity<S extends z.ZodTypeAny = z.ZodTypeAny> {
  collection: string;
  cursorField: string;
  idField: string;
  schema: S;
}

const entity = <S extends z.ZodTypeAny>(collection: string, singular: string, schema: S): WireEntity<S> => ({
  collection,
  cursorField: `from${singular}Version`,
  idField: `${singular}Id`,
  schema,
});

/** Pulled entities, in the order the pull visits them (parents first, so a run reads naturally). */
export const pulledEntities = {
  Stores: entity('Stores', 'Store', storeWire),
  CostLevelNames: entity('CostLevelNames', 'CostLevelName', costLevelNameWire),
  Settings: entity('Settings', 'Setting', settingWire),
  Banks: entity('Banks', 'Bank', bankWire),
  ProductCategories: entity('ProductCategories', 'ProductCategory', productCategoryWire),
  Products: entity('Products', 'Product', productWire),
  ProductDetails: entity('ProductDetails', 'ProductDetail', productDetailWire),
  VisitorProducts: entity('VisitorProducts', 'VisitorProduct', visitorProductWire),
  ProductDetailStoreAssets: entity(
    'ProductDetailStoreAssets',
    'ProductDetailStoreAsset',
    productDetailStoreAssetWire,
  ),
  Pictures: entity('Pictures', 'Picture', pictureWire),
  PhotoGalleries: entity('PhotoGalleries', 'PhotoGallery', photoGalleryWire),
  PersonGroups: entity('PersonGroups', 'PersonGroup', personGroupWire),
  People: entity('People', 'Person', personWire),
  VisitorPeople: entity('VisitorPeople', 'VisitorPerson', visitorPersonWire),
} as const;

export type PulledEntityName = keyof typeof pulledEntities;
export const pulledEntityNames = Object.keys(pulledEntities) as PulledEntityName[];

/** Read-back entities used by the push side to confirm what Mahak holds. */
export const readBackEntities = {
  Orders: entity('Orders', 'Order', orderWire),
  OrderDetails: entity('OrderDetails', 'OrderDetail', orderDetailWire),
  // A web order's payment is part of it (issue 8): read back with it.
  Receipts: entity('Receipts', 'Receipt', receiptWire),
  Cheques: entity('Cheques', 'Cheque', chequeWire),
} as const;

export type WireRecord<N extends PulledEntityName> = z.infer<(typeof pulledEntities)[N]['schema']>;
export type ProductWire = z.infer<typeof productWire>;
export type ProductDetailWire = z.infer<typeof productDetailWire>;
export type PersonWire = z.infer<typeof personWire>;
export type PictureWire = z.infer<typeof pictureWire>;
export type OrderWire = z.infer<typeof orderWire>;
export type ReceiptWire = z.infer<typeof receiptWire>;
export type ChequeWire = z.infer<typeof chequeWire>;
