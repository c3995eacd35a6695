import { pulledEntities, type PulledEntityName } from '../../core/contracts/mahak-wire.js';
import { markPicturesDownloaded } from '../support/pictures-downloaded.js';
import type { Storage } from '../../core/store/storage.js';

/**
 * A small Persian catalogue as Mahak wire records (PascalCase, rial), loaded through the real
 * `storage.applyPullPage`, the same path the pull takes.
 *
 *  - 22 published products (ids 1..22) in two categories; product 23 is not assigned to our visitor and
 *    product 24 is Deleted: neither may ever appear.
 *  - Our stock store is 1; store 2 holds 100 of everything and must not count when storeId = 1.
 *    Odd product ids have 5 in store 1, even ids 0 (out of stock).
 *  - Product 1 has two variants (cheapest 12_500_000 rial) and two pictures.
 *  - Some names are written with Arabic ي/ك and Persian digits, the way Mahak data often is.
 */
export const bagsCategoryId = 10;
export const clothesCategoryId = 20;
export const ourStoreId = 1;
export const publishedIds = Array.from({ length: 22 }, (_, i) => i + 1);
export const unassignedProductId = 23;
export const deletedProductId = 24;

const names: Record<number, string> = {
  1: 'کیف چرمی مردانه',
  2: 'كيف پول زنانه', // Arabic kaf and yeh
  3: 'کفش ورزشی مدل ۴۲', // Persian digits
  4: 'کوله‌پشتی کوهنوردی', // ZWNJ
};
const nameOf = (id: number) => names[id] ?? (id % 2 ? `پیراهن نخی شمارهٔ ${id}` : `شلوار جین ${id}`);
const categoryOf = (id: number) => (id <= 8 ? bagsCategoryId : clothesCategoryId);
/** Rial. */
export const priceOf = (productId: number) => 12_500_000 + (productId - 1) * 100_000;
export const stockOf = (productId: number) => (productId % 2 ? 5 : 0);

const productIds = [...publishedIds, unassignedProductId, deletedProductId];
let rowVersion = 1000;
const rv = () => ++rowVersion;

function productRecords() {
  return productIds.map((id) => ({
    ProductId: id,
    ProductCode: 1000 + id,
    ProductCategoryId: categoryOf(id),
    Name: nameOf(id),
    UnitName: 'عدد',
    Description: id === 1 ? 'چرم طبیعی گاوی، دوخت دستی' : null,
    Deleted: id === deletedProductId,
    RowVersion: rv(),
  }));
}

/** Variant id = product id * 10; product 1 also has variant 11 at a higher price. */
function detailRecords() {
  const main = productIds.map((id) => ({
    ProductDetailId: id * 10,
    ProductDetailCode: id * 10,
    ProductId: id,
    Barcode: `62600000${id}`,
    Properties: null,
    Price1: priceOf(id),
    Price2: priceOf(id) - 500_000,
    Deleted: false,
    RowVersion: rv(),
  }));
  const extra = {
    ProductDetailId: 11,
    ProductId: 1,
    Properties: 'رنگ: مشکی',
    Price1: 13_900_000,
    Price2: 13_000_000,
    Deleted: false,
    RowVersion: rv(),
  };
  return [...main, extra];
}

const variantIds = () => [...productIds.map((id) => id * 10), 11];

function visitorProductRecords() {
  return variantIds()
    .filter((v) => v !== unassignedProductId * 10)
    .map((v) => ({
      VisitorProductId: 5000 + v,
      ProductDetailId: v,
      VisitorId: 7,
      Deleted: false,
      RowVersion: rv(),
    }));
}

function storeAssetRecords() {
  return variantIds().flatMap((v) => {
    const productId = v === 11 ? 1 : v / 10;
    return [
      {
        ProductDetailStoreAssetId: 9000 + v,
        ProductDetailId: v,
        StoreId: ourStoreId,
        Count1: stockOf(productId),
        Deleted: false,
        RowVersion: rv(),
      },
      {
        ProductDetailStoreAssetId: 9500 + v,
        ProductDetailId: v,
        StoreId: 2,
        Count1: 100,
        Deleted: false,
        RowVersion: rv(),
      },
    ];
  });
}

export const productOnePictureIds = [501, 502];

function pageRecords(): [PulledEntityName, Record<string, unknown>[]][] {
  return [
    [
      'Stores',
      [1, 2].map((id) => ({
        StoreId: id,
        StoreCode: id,
        Name: id === 1 ? 'انبار فروشگاه' : 'انبار مرکزی',
        Deleted: false,
        RowVersion: rv(),
      })),
    ],
    [
      'ProductCategories',
      [
        {
          ProductCategoryId: bagsCategoryId,
          ProductCategoryCode: 1,
          Name: 'کیف و کفش',
          Deleted: false,
          RowVersion: rv(),
        },
        {
          ProductCategoryId: clothesCategoryId,
          ProductCategoryCode: 2,
          Name: 'پوشاک',
          Deleted: false,
          RowVersion: rv(),
        },
      ],
    ],
    ['Products', productRecords()],
    ['ProductDetails', detailRecords()],
    ['VisitorProducts', visitorProductRecords()],
    ['ProductDetailStoreAssets', storeAssetRecords()],
    [
      'Pictures',
      productOnePictureIds.map((id, i) => ({
        PictureId: id,
        FileName: `bag-${id}.jpg`,
        DisplayOrder: i,
        Format: 'jpg',
        Deleted: false,
        RowVersion: rv(),
      })),
    ],
    [
      'PhotoGalleries',
      // EntityType 102 + ItemCode = ProductId (API.md §PhotoGallery, OBS-4).
      productOnePictureIds.map((id) => ({
        PhotoGalleryId: id + 100,
        PictureId: id,
        EntityType: 102,
        ItemCode: 1,
        ItemType: 102,
        Deleted: false,
        RowVersion: rv(),
      })),
    ],
  ];
}

export async function seedCatalog(storage: Storage): Promise<void> {
  let seq = 0;
  for (const [entity, wire] of pageRecords()) {
    // Validated the way the pull validates, so the storage sees exactly what the pull hands it.
    const records = wire.map((r) => pulledEntities[entity].schema.parse(r) as Record<string, unknown>);
    const checkpoint = Math.max(...records.map((r) => r.RowVersion as number));
    await storage.applyPullPage({ runId: 'api-test-seed', seq: seq++, entity, records, checkpoint });
  }
  await markPicturesDownloaded(storage);
}
