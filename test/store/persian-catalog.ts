import type { PulledEntityName } from '../../core/contracts/mahak-wire.js';
import { markPicturesDownloaded } from '../support/pictures-downloaded.js';
import type { PullPage, Storage } from '../../core/store/storage.js';

/**
 * A small Persian catalogue as Mahak would send it (PascalCase, rial, Arabic ي/ك in some names).
 * Published: 101, 102, 103, 106 and the 30 numbered products 201..230.
 * Not published: 104 (its only variant is not assigned), 105 (deleted), 107 (its variant is deleted).
 */
type Rec = Record<string, unknown>;

let rv = 4_300_000_000; // beyond 2^32, as in real Mahak databases (API.md §6)
const nextRv = () => ++rv;

const category = (id: number, name: string, deleted = false): Rec => ({
  ProductCategoryId: id,
  ProductCategoryCode: id * 10,
  Name: name,
  Deleted: deleted,
  RowVersion: nextRv(),
});

const product = (id: number, name: string, categoryId: number, extra: Rec = {}): Rec => ({
  ProductId: id,
  ProductCode: 1000 + id,
  ProductCategoryId: categoryId,
  Name: name,
  UnitName: 'عدد',
  Description: `توضیحات ${name}`,
  Deleted: false,
  RowVersion: nextRv(),
  ...extra,
});

const variant = (id: number, productId: number, price1: number, price2: number, extra: Rec = {}): Rec => ({
  ProductDetailId: id,
  ProductDetailCode: id,
  ProductId: productId,
  Barcode: `626${String(id).padStart(7, '0')}`,
  Properties: null,
  Price1: price1,
  Price2: price2,
  DefaultSellPriceLevel: 1,
  Deleted: false,
  RowVersion: nextRv(),
  ...extra,
});

const assignment = (id: number, variantId: number, deleted = false): Rec => ({
  VisitorProductId: id,
  ProductDetailId: variantId,
  VisitorId: 7,
  Price: 0,
  Deleted: deleted,
  RowVersion: nextRv(),
});

const stock = (id: number, variantId: number, storeId: number, count1: number): Rec => ({
  ProductDetailStoreAssetId: id,
  ProductDetailId: variantId,
  StoreId: storeId,
  Count1: count1,
  Count2: 0,
  Deleted: false,
  RowVersion: nextRv(),
});

export function persianCatalog(): Partial<Record<PulledEntityName, Rec[]>> {
  const numbered = Array.from({ length: 30 }, (_, i) => 201 + i);
  return {
    Stores: [
      { StoreId: 1, StoreCode: 1, Name: 'انبار مرکزی', RowVersion: nextRv() },
      { StoreId: 2, StoreCode: 2, Name: 'فروشگاه شعبه ۲', RowVersion: nextRv() },
    ],
    ProductCategories: [category(1, 'کفش'), category(2, 'پوشاک'), category(3, 'لوازم ورزشی', true)],
    Products: [
      product(101, 'كفش ورزشي نايك', 1), // Arabic ي and ك, as some Mahak databases hold them
      product(102, 'کفش مجلسی چرم', 1),
      product(103, 'پیراهن مردانه', 2),
      product(104, 'شلوار جین', 2),
      product(105, 'جوراب نخی', 2, { Deleted: true }),
      product(106, 'کوله\u200cپشتی ۲۰ لیتری', 2),
      product(107, 'کلاه بافتنی', 2),
      ...numbered.map((id) => product(id, `کالای شماره ${id}`, 2)),
    ],
    ProductDetails: [
      variant(1011, 101, 25_000_000, 24_000_000, { Properties: 'سایز ۴۲' }),
      variant(1012, 101, 23_500_000, 22_000_000, { Properties: 'سایز ۴۳' }),
      variant(1013, 101, 1_000, 1_000, { Properties: 'سایز ۴۴' }), // not assigned: its low price must not show
      variant(1021, 102, 41_000_000, 40_000_000),
      variant(1031, 103, 8_900_000, 8_500_000),
      variant(1041, 104, 12_000_000, 11_000_000),
      variant(1051, 105, 1_500_000, 1_400_000),
      variant(1061, 106, 6_750_000, 6_500_000),
      variant(1071, 107, 3_000_000, 2_900_000, { Deleted: true }),
      ...numbered.map((id) => variant(id * 10 + 1, id, 100_000 * id, 90_000 * id)),
    ],
    VisitorProducts: [
      assignment(1, 1011),
      assignment(2, 1012),
      assignment(4, 1021),
      assignment(5, 1031),
      assignment(6, 1051),
      assignment(7, 1061),
      assignment(8, 1071),
      ...numbered.map((id) => assignment(id, id * 10 + 1)),
    ],
    ProductDetailStoreAssets: [
      stock(1, 1011, 1, 3),
      stock(2, 1011, 2, 2),
      stock(3, 1012, 1, 0),
      stock(4, 1012, 2, 5),
      stock(5, 1013, 1, 100), // unassigned variant: its stock does not count
      stock(6, 1021, 1, 0),
      stock(7, 1031, 2, 7),
      stock(8, 1061, 1, 1),
      ...numbered.map((id) => stock(id, id * 10 + 1, 1, id % 3)),
    ],
    Pictures: [
      {
        PictureId: 501,
        FileName: 'nike-2.jpg',
        DisplayOrder: 2,
        Url: '/Pictures/501.jpg',
        RowVersion: nextRv(),
      },
      {
        PictureId: 502,
        FileName: 'nike-1.jpg',
        DisplayOrder: 1,
        Url: '/Pictures/502.jpg',
        RowVersion: nextRv(),
      },
      { PictureId: 503, FileName: 'nike-old.jpg', DisplayOrder: 0, Deleted: true, RowVersion: nextRv() },
      { PictureId: 504, FileName: 'bag.jpg', DisplayOrder: 1, RowVersion: nextRv() },
    ],
    PhotoGalleries: [
      {
        PhotoGalleryId: 601,
        PictureId: 501,
        EntityType: 102,
        ItemCode: 101,
        ItemType: 102,
        RowVersion: nextRv(),
      },
      {
        PhotoGalleryId: 602,
        PictureId: 502,
        EntityType: 102,
        ItemCode: 101,
        ItemType: 102,
        RowVersion: nextRv(),
      },
      {
        PhotoGalleryId: 603,
        PictureId: 503,
        EntityType: 102,
        ItemCode: 101,
        ItemType: 102,
        RowVersion: nextRv(),
      },
      {
        PhotoGalleryId: 604,
        PictureId: 504,
        EntityType: 102,
        ItemCode: 106,
        ItemType: 102,
        Deleted: true,
        RowVersion: nextRv(),
      },
      {
        PhotoGalleryId: 605,
        PictureId: 504,
        EntityType: 101,
        ItemCode: 106,
        ItemType: 0,
        RowVersion: nextRv(),
      }, // a person's photo
    ],
  };
}

/** Published product ids of the catalogue, ascending. */
export const publishedIds = [101, 102, 103, 106, ...Array.from({ length: 30 }, (_, i) => 201 + i)];

let seq = 0;

/** Applies records of one entity as one page (a fresh run/seq each time). */
export async function applyRecords(
  storage: Storage,
  entity: PulledEntityName,
  records: Rec[],
  runId = 'fixture',
): Promise<number> {
  const maxRv = Math.max(0, ...records.map((r) => Number(r.RowVersion)));
  const page: PullPage = { runId, seq: ++seq, entity, records, checkpoint: maxRv };
  return (await storage.applyPullPage(page)).changed;
}

export async function loadCatalog(storage: Storage): Promise<void> {
  for (const [entity, records] of Object.entries(persianCatalog())) {
    await applyRecords(storage, entity as PulledEntityName, records);
  }
  await markPicturesDownloaded(storage);
}

/** A higher RowVersion for follow-up edits in tests. */
export const laterRv = nextRv;
