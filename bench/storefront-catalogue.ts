import type { PulledEntityName } from '../core/contracts/mahak-wire.js';
import type { Storage } from '../core/store/storage.js';

/**
 * A storefront catalogue of `n` products for the read benchmarks, loaded through the real
 * `storage.applyPullPage` (so the read table, counts and search index are what the pull keeps): per
 * product one variant, its visitor assignment and its stock in store 1 (one in three out of stock),
 * 50 categories, Persian names with Arabic ي/ك in some of them.
 */
export const benchCategories = 50;
export const searchWords = [
  'کیف',
  'كفش',
  'پیراهن',
  'شلوار',
  'کلاه',
  'ساعت',
  'عینک',
  'کمربند',
  'جوراب',
  'دستکش',
];
const colours = ['مشکی', 'سفید', 'قرمز', 'آبی', 'سبز', 'قهوه‌ای', 'طوسی', 'زرد'];

type Rec = Record<string, unknown>;

export async function loadBenchCatalogue(storage: Storage, n: number, pageSize = 2000): Promise<void> {
  let rv = 1_000;
  const categories = Array.from({ length: benchCategories }, (_, i) => ({
    ProductCategoryId: i + 1,
    ProductCategoryCode: i + 1,
    Name: `دسته ${i + 1}`,
    RowVersion: ++rv,
  }));
  await apply(storage, 'ProductCategories', categories, 0);
  const makers: [PulledEntityName, (id: number) => Rec][] = [
    [
      'Products',
      (id) => ({
        ProductId: id,
        ProductCode: id,
        ProductCategoryId: (id % benchCategories) + 1,
        Name: `${searchWords[id % searchWords.length]} ${colours[id % colours.length]} مدل ${id}`,
        UnitName: 'عدد',
        RowVersion: ++rv,
      }),
    ],
    [
      'ProductDetails',
      (id) => ({
        ProductDetailId: id,
        ProductDetailCode: id,
        ProductId: id,
        Barcode: `626${String(id).padStart(9, '0')}`,
        Price1: 1_000_000 + (id % 997) * 10_000,
        RowVersion: ++rv,
      }),
    ],
    [
      'VisitorProducts',
      (id) => ({ VisitorProductId: id, ProductDetailId: id, VisitorId: 1, RowVersion: ++rv }),
    ],
    [
      'ProductDetailStoreAssets',
      (id) => ({
        ProductDetailStoreAssetId: id,
        ProductDetailId: id,
        StoreId: 1,
        Count1: id % 3,
        RowVersion: ++rv,
      }),
    ],
  ];
  let seq = 1;
  for (const [entity, make] of makers) {
    for (let first = 1; first <= n; first += pageSize) {
      const records = Array.from({ length: Math.min(pageSize, n - first + 1) }, (_, i) => make(first + i));
      await apply(storage, entity, records, seq++);
    }
  }
  // As a pull run of this size does at its end (pull-run.ts): the planner sees the loaded tables.
  await storage.refreshPlannerStatistics?.();
}

async function apply(storage: Storage, entity: PulledEntityName, records: Rec[], seq: number) {
  const checkpoint = Math.max(...records.map((r) => Number(r.RowVersion)));
  await storage.applyPullPage({ runId: `bench-${entity}`, seq, entity, records, checkpoint });
}
