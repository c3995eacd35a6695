import { ProductGenerator } from './product-generator.js';
import {
  bankSource,
  categorySource,
  costLevelSource,
  peopleSource,
  personGroupSource,
  propertyDescriptionSource,
  settingSource,
  storeSource,
  visitorPeopleSource,
  visitorSource,
  type SmallSource,
} from './reference-generator.js';
import type { EntityName } from './sim-entities.js';
import { hash32, salt } from './sim-random.js';
import type { SimRow } from './sim-row.js';

/**
 * The global RowVersion counter starts above 2^32 (API.md §6: live values like 4,059,210,120 exceed int32,
 * so clients must treat RowVersion as int64).
 */
export const ROW_VERSION_START = 4_300_000_000;
/** Gap between entity blocks, so RowVersions of different entities never touch. */
const BLOCK_GAP = 1_000;

export interface CatalogueOptions {
  seed: number;
  products: number;
  people?: number;
  visitorId: number;
  visitorTitle: string;
  userName: string;
}

/** A base (generated, never stored) entity: row i has Id i + 1 + idOffset and RowVersion rvStart + i. */
export interface BaseSource {
  count: number;
  rvStart: number;
  /** Id of row 0 minus one; 0 for every entity but Visitors (whose one row has the configured VisitorId). */
  idOffset: number;
  rowAt(i: number): SimRow;
}

export const defaultPeopleCount = (products: number): number =>
  Math.min(20_000, Math.max(20, Math.round(products / 10)));

/**
 * The seeded base catalogue. Same seed and sizes -> identical rows, RowVersions included. RowVersions are
 * assigned arithmetically in blocks (one block per entity, parents first), so a page is computed, not read.
 */
export class BaseCatalogue {
  readonly products: ProductGenerator;
  readonly sources: Record<EntityName, BaseSource>;
  /** First RowVersion after the base catalogue: the live counter starts here. */
  readonly endRowVersion: number;
  readonly peopleCount: number;

  constructor(readonly options: CatalogueOptions) {
    const { seed, visitorId } = options;
    const storeCount = 2 + (hash32(seed, salt.stores) % 2);
    this.products = new ProductGenerator(seed, options.products, storeCount, visitorId);
    this.peopleCount = options.people ?? defaultPeopleCount(options.products);
    const g = this.products;
    const procedural = (count: number, rowAt: (i: number, rv: number) => SimRow): SmallSource => ({
      count,
      rowAt,
    });
    const ordered: [EntityName, SmallSource][] = [
      ['Stores', storeSource(storeCount)],
      ['CostLevelNames', costLevelSource],
      ['Settings', settingSource(visitorId)],
      ['PropertyDescriptions', propertyDescriptionSource],
      ['Banks', bankSource],
      ['Visitors', visitorSource(visitorId, options.visitorTitle, options.userName)],
      ['ProductCategories', categorySource],
      ['PersonGroups', personGroupSource],
      ['Products', procedural(g.productCount, (i, rv) => g.product(i, rv))],
      ['ProductDetails', procedural(g.detailCount, (j, rv) => g.detail(j, rv))],
      ['VisitorProducts', procedural(g.detailCount, (j, rv) => g.visitorProduct(j, rv))],
      ['ProductDetailStoreAssets', procedural(g.assetCount, (a, rv) => g.asset(a, rv))],
      ['Pictures', procedural(g.productCount, (i, rv) => g.picture(i, rv))],
      ['PhotoGalleries', procedural(g.productCount, (i, rv) => g.gallery(i, rv))],
      ['People', peopleSource(seed, this.peopleCount)],
      ['VisitorPeople', visitorPeopleSource(this.peopleCount, visitorId)],
      ['Orders', procedural(0, () => ({}))],
      ['OrderDetails', procedural(0, () => ({}))],
      ['Receipts', procedural(0, () => ({}))],
      ['Cheques', procedural(0, () => ({}))],
    ];
    let rv = ROW_VERSION_START;
    const sources = {} as Record<EntityName, BaseSource>;
    for (const [name, src] of ordered) {
      const rvStart = rv;
      const idOffset = name === 'Visitors' ? visitorId - 1 : 0;
      sources[name] = { count: src.count, rvStart, idOffset, rowAt: (i) => src.rowAt(i, rvStart + i) };
      rv += src.count + BLOCK_GAP;
    }
    this.sources = sources;
    this.endRowVersion = rv;
  }

  get storeCount(): number {
    return this.products.storeCount;
  }
}
