import type { Dialect } from '../sql-db.js';
import { index, syncedTable, trigramIndexes, type ColumnDecl } from './catalog-ddl.js';
import type { Migration } from './migration.js';

const prices: ColumnDecl[] = Array.from({ length: 10 }, (_, i) => [`price${i + 1}`, 'float'] as const);

/** The store's own catalogue and customer tables (not Mahak's schema). Money columns are rial. */
const tables: Record<string, readonly ColumnDecl[]> = {
  categories: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['name', 'text'],
    ['color', 'text'],
    ['icon', 'text'],
  ],
  products: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['category_id', 'int'],
    ['name', 'text'],
    ['unit_name', 'text'],
    ['unit_name2', 'text'],
    ['unit_ratio', 'float'],
    ['tags', 'text'],
    ['tax_percent', 'float'],
    ['charge_percent', 'float'],
    ['weight', 'float'],
    ['description', 'text'],
    ['search_text', 'text'],
  ],
  variants: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['product_id', 'int'],
    ['properties', 'text'],
    ['properties2', 'text'],
    ['barcode', 'text'],
    ...prices,
    ['discount', 'float'],
    ['default_sell_price_level', 'int'],
    ['customer_price', 'float'],
    ['count1', 'float'],
    ['count2', 'float'],
    ['search_text', 'text'],
  ],
  visitor_products: [
    ['variant_id', 'int'],
    ['visitor_id', 'int'],
    ['count1', 'float'],
    ['count2', 'float'],
    ['price', 'float'],
  ],
  stock: [
    ['variant_id', 'int'],
    ['store_id', 'int'],
    ['count1', 'float'],
    ['count2', 'float'],
  ],
  stores: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['name', 'text'],
    ['comment', 'text'],
  ],
  price_levels: [
    ['code', 'int'],
    ['name', 'text'],
  ],
  pictures: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['file_name', 'text'],
    ['display_order', 'int'],
    ['title', 'text'],
    ['url', 'text'],
    ['file_size', 'int'],
    ['width', 'int'],
    ['height', 'int'],
    ['format', 'text'],
    // Filled by the picture download, never by the pull: the upsert leaves columns it does not list alone.
    ['blob_key', 'text'],
    ['content_hash', 'text'],
    ['content_type', 'text'],
    ['downloaded_row_version', 'int'],
  ],
  photo_galleries: [
    ['picture_id', 'int'],
    ['entity_type', 'int'],
    ['item_code', 'int'],
    ['item_type', 'int'],
  ],
  customers: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['person_group_id', 'int'],
    ['person_type', 'int'],
    ['first_name', 'text'],
    ['last_name', 'text'],
    ['organization', 'text'],
    ['national_code', 'text'],
    ['mobile', 'text'],
    ['phone', 'text'],
    ['email', 'text'],
    ['address', 'text'],
    ['city', 'text'],
    ['state', 'text'],
    ['postal_code', 'text'],
    ['sell_price_level', 'int'],
    ['discount_percent', 'float'],
    ['credit', 'float'],
    ['balance', 'float'],
    ['search_text', 'text'],
  ],
  person_groups: [
    ['client_id', 'int'],
    ['code', 'int'],
    ['name', 'text'],
    ['sell_price_level', 'int'],
    ['discount_percent', 'float'],
  ],
  visitor_people: [
    ['person_id', 'int'],
    ['visitor_id', 'int'],
  ],
  settings: [
    ['code', 'int'],
    ['visitor_id', 'int'],
    ['value', 'text'],
  ],
};

/** Indexes for the storefront queries (category, search, published variants, stock, pictures). */
const indexes = [
  index('products', ['category_id']),
  index('products', ['code']),
  index('variants', ['product_id']),
  index('variants', ['barcode']),
  index('variants', ['code']),
  index('visitor_products', ['variant_id']),
  index('stock', ['variant_id', 'store_id']),
  index('photo_galleries', ['entity_type', 'item_code']),
  index('customers', ['mobile']),
  index('customers', ['client_id']),
  index('customers', ['code']),
  index('visitor_people', ['person_id']),
  index('settings', ['code']),
];

export const catalogMigration: Migration = {
  id: 1,
  name: 'catalog',
  up(dialect: Dialect): string[] {
    const ddl = Object.entries(tables).flatMap(([table, columns]) => syncedTable(dialect, table, columns));
    const search =
      dialect === 'postgres'
        ? trigramIndexes([
            ['products', 'search_text'],
            ['variants', 'search_text'],
            ['customers', 'search_text'],
          ])
        : [];
    return [...ddl, ...indexes, ...search];
  },
};
