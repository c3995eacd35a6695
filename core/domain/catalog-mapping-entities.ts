import type { PulledEntityName } from '../contracts/mahak-wire.js';
import type { ColumnType, MappingContext, PullOptOut } from './catalog-mapping-types.js';
import { normaliseDigits, normalisePersian } from './persian.js';

/** A validated wire record (PascalCase keys, types coerced by the wire schema). */
export type WireRecord = Record<string, unknown>;

/** [column, type, wire key or a function of the record]. */
export type FieldDecl = readonly [
  column: string,
  type: ColumnType,
  source: string | ((r: WireRecord, ctx: MappingContext) => unknown),
];

export const tableOf: Record<PulledEntityName, string> = {
  Stores: 'stores',
  CostLevelNames: 'price_levels',
  Settings: 'settings',
  Banks: 'banks',
  ProductCategories: 'categories',
  Products: 'products',
  ProductDetails: 'variants',
  VisitorProducts: 'visitor_products',
  ProductDetailStoreAssets: 'stock',
  Pictures: 'pictures',
  PhotoGalleries: 'photo_galleries',
  PersonGroups: 'person_groups',
  People: 'customers',
  VisitorPeople: 'visitor_people',
};

/** Rial for the store whatever Mahak keeps (config mahakCurrency): a toman amount is ten rials. */
export function toRial(amount: unknown, ctx: MappingContext): number | null {
  if (amount === null || amount === undefined) return null;
  const n = Number(amount);
  return ctx.mahakCurrency === 'toman' ? n * 10 : n;
}

/** Search text: Persian-normalised (ي/ی, ك/ک, digits) words joined by spaces; see persian.ts. */
const searchText = (...parts: unknown[]): string =>
  normalisePersian(parts.filter((p) => p !== undefined && p !== null && p !== '').join(' '));

const money = (key: string) => (r: WireRecord, ctx: MappingContext) => toRial(r[key], ctx);

const priceFields: FieldDecl[] = Array.from(
  { length: 10 },
  (_, i) => [`price${i + 1}`, 'float', money(`Price${i + 1}`)] as const,
);

export const entityFields: Record<PulledEntityName, readonly FieldDecl[]> = {
  Stores: [
    ['client_id', 'int', 'StoreClientId'],
    ['code', 'int', 'StoreCode'],
    ['name', 'text', 'Name'],
    ['comment', 'text', 'Comment'],
  ],
  CostLevelNames: [
    ['code', 'int', 'CostLevelNameCode'],
    ['name', 'text', 'Name'],
  ],
  Settings: [
    ['code', 'int', 'SettingCode'],
    ['visitor_id', 'int', 'VisitorId'],
    ['value', 'text', 'Value'],
  ],
  Banks: [
    ['client_id', 'int', 'BankClientId'],
    ['code', 'int', 'BankCode'],
    ['name', 'text', 'Name'],
    ['bank_name', 'text', 'BankName'],
  ],
  ProductCategories: [
    ['client_id', 'int', 'ProductCategoryClientId'],
    ['code', 'int', 'ProductCategoryCode'],
    ['name', 'text', 'Name'],
    ['color', 'text', 'Color'],
    ['icon', 'text', 'Icon'],
  ],
  Products: [
    ['client_id', 'int', 'ProductClientId'],
    ['code', 'int', 'ProductCode'],
    ['category_id', 'int', 'ProductCategoryId'],
    ['name', 'text', 'Name'],
    ['unit_name', 'text', 'UnitName'],
    ['unit_name2', 'text', 'UnitName2'],
    ['unit_ratio', 'float', 'UnitRatio'],
    ['tags', 'text', 'Tags'],
    ['tax_percent', 'float', 'TaxPercent'],
    ['charge_percent', 'float', 'ChargePercent'],
    ['weight', 'float', 'Weight'],
    ['description', 'text', 'Description'],
    // Barcodes live on the variants, which carry their own search_text; the catalogue query checks both.
    ['search_text', 'text', (r) => searchText(r.Name, r.ProductCode, r.Tags)],
  ],
  ProductDetails: [
    ['client_id', 'int', 'ProductDetailClientId'],
    ['code', 'int', 'ProductDetailCode'],
    ['product_id', 'int', 'ProductId'],
    ['properties', 'text', 'Properties'],
    ['properties2', 'text', 'Properties2'],
    ['barcode', 'text', 'Barcode'],
    ...priceFields,
    // Discount may be an amount or a percent depending on Mahak settings (API.md §3.4): kept as sent.
    ['discount', 'float', 'Discount'],
    ['default_sell_price_level', 'int', 'DefaultSellPriceLevel'],
    ['customer_price', 'float', money('CustomerPrice')],
    ['count1', 'float', 'Count1'],
    ['count2', 'float', 'Count2'],
    ['search_text', 'text', (r) => searchText(r.Barcode, r.ProductDetailCode, r.Properties, r.Properties2)],
  ],
  VisitorProducts: [
    ['variant_id', 'int', 'ProductDetailId'],
    ['visitor_id', 'int', 'VisitorId'],
    ['count1', 'float', 'Count1'],
    ['count2', 'float', 'Count2'],
    ['price', 'float', money('Price')],
  ],
  ProductDetailStoreAssets: [
    ['variant_id', 'int', 'ProductDetailId'],
    ['store_id', 'int', 'StoreId'],
    ['count1', 'float', 'Count1'],
    ['count2', 'float', 'Count2'],
  ],
  Pictures: [
    ['client_id', 'int', 'PictureClientId'],
    ['code', 'int', 'PictureCode'],
    ['file_name', 'text', 'FileName'],
    ['display_order', 'int', 'DisplayOrder'],
    ['title', 'text', 'Title'],
    ['url', 'text', 'Url'],
    ['file_size', 'int', 'FileSize'],
    ['width', 'int', 'Width'],
    ['height', 'int', 'Height'],
    ['format', 'text', 'Format'],
  ],
  PhotoGalleries: [
    ['picture_id', 'int', 'PictureId'],
    ['entity_type', 'int', 'EntityType'],
    ['item_code', 'int', 'ItemCode'],
    ['item_type', 'int', 'ItemType'],
  ],
  PersonGroups: [
    ['client_id', 'int', 'PersonGroupClientId'],
    ['code', 'int', 'PersonGroupCode'],
    ['name', 'text', 'Name'],
    ['sell_price_level', 'int', 'SellPriceLevel'],
    ['discount_percent', 'float', 'DiscountPercent'],
  ],
  People: [
    ['client_id', 'int', 'PersonClientId'],
    ['code', 'int', 'PersonCode'],
    ['person_group_id', 'int', 'PersonGroupId'],
    ['person_type', 'int', 'PersonType'],
    ['first_name', 'text', 'FirstName'],
    ['last_name', 'text', 'LastName'],
    ['organization', 'text', 'Organization'],
    ['national_code', 'text', (r) => digitsOrNull(r.NationalCode)],
    ['mobile', 'text', (r) => digitsOrNull(r.Mobile)],
    ['phone', 'text', 'Phone'],
    [
      'email',
      'text',
      (r) => (typeof r.Email === 'string' && r.Email.trim() ? r.Email.trim().toLowerCase() : null),
    ],
    ['address', 'text', 'Address'],
    ['city', 'text', 'City'],
    ['state', 'text', 'State'],
    ['postal_code', 'text', 'PostalCode'],
    ['sell_price_level', 'int', 'SellPriceLevel'],
    ['discount_percent', 'float', 'DiscountPercent'],
    ['credit', 'float', money('Credit')],
    ['balance', 'float', money('Balance')],
    [
      'search_text',
      'text',
      (r) => searchText(r.FirstName, r.LastName, r.Organization, digitsOrNull(r.Mobile), r.PersonCode),
    ],
  ],
  VisitorPeople: [
    ['person_id', 'int', 'PersonId'],
    ['visitor_id', 'int', 'VisitorId'],
  ],
};

/**
 * The columns each opt-out protects. A new row still gets Mahak's values (there is nothing of the
 * shop's yet); an update leaves these as they are. Products' search text follows the name it indexes.
 */
export const shopOwnedColumns: Partial<
  Record<PulledEntityName, Partial<Record<PullOptOut, readonly string[]>>>
> = {
  Products: { titles: ['name', 'search_text'] },
  ProductDetails: {
    prices: [...priceFields.map(([column]) => column), 'customer_price'],
    stock: ['count1', 'count2'],
  },
  VisitorProducts: { prices: ['price'], stock: ['count1', 'count2'] },
  ProductDetailStoreAssets: { stock: ['count1', 'count2'] },
};

/** Mobile numbers and national codes typed with Persian digits or spaces: digits only (or null). */
function digitsOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = normaliseDigits(value);
  return digits === '' ? null : digits;
}
