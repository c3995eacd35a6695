import { categories, colours, propertyCodes, sizes, weights, type CategoryWords } from './catalogue-words.js';
import type { Rgb } from './png-encoder.js';
import { barcode, photoGalleryRow, pictureRow, props, visitorProductRow } from './product-rows.js';
import { between, hash32, pick, salt, unit } from './sim-random.js';
import type { SimRow } from './sim-row.js';
import { baseDate, persianDigits } from './sim-row.js';

/** Products per block of the detail-count pattern (see `ProductGenerator`). */
const BLOCK = 8;

/**
 * Procedural product family: Products, ProductDetails, ProductDetailStoreAssets, VisitorProducts, Pictures,
 * PhotoGalleries. Row i is computed from (seed, i). Ids are index + 1. The number of details per product
 * (1..3) follows a seeded pattern repeated every 8 products, so "which product owns detail j" and "which
 * details belong to product i" are O(1) arithmetic, never a table.
 */
export class ProductGenerator {
  readonly detailCount: number;
  readonly assetCount: number;
  private readonly counts: number[];
  private readonly prefix: number[];
  private readonly perBlock: number;

  constructor(
    private readonly seed: number,
    readonly productCount: number,
    readonly storeCount: number,
    private readonly visitorId: number,
  ) {
    this.counts = Array.from({ length: BLOCK }, (_, k) => 1 + (hash32(seed, salt.blocks, k) % 3));
    this.prefix = [0];
    for (const c of this.counts) this.prefix.push(this.prefix[this.prefix.length - 1] + c);
    this.perBlock = this.prefix[BLOCK];
    const full = Math.floor(productCount / BLOCK);
    this.detailCount = full * this.perBlock + this.prefix[productCount % BLOCK];
    this.assetCount = this.detailCount * storeCount;
  }

  /** Index of the first detail of product i and how many it has. */
  detailRange(i: number): { first: number; count: number } {
    const k = i % BLOCK;
    return { first: Math.floor(i / BLOCK) * this.perBlock + this.prefix[k], count: this.counts[k] };
  }

  /** Product index owning detail j, and the detail's variant number within the product. */
  productOfDetail(j: number): { product: number; variant: number } {
    const r = j % this.perBlock;
    let k = 0;
    while (this.prefix[k + 1] <= r) k++;
    return { product: Math.floor(j / this.perBlock) * BLOCK + k, variant: r - this.prefix[k] };
  }

  category(i: number): { index: number; words: CategoryWords } {
    const index = hash32(this.seed, salt.product, i, 1) % categories.length;
    return { index, words: categories[index] };
  }

  productName(i: number): string {
    const { words } = this.category(i);
    const model = between(100, 999, this.seed, salt.product, i, 4);
    const digits = hash32(this.seed, salt.product, i, 5) % 3 === 0 ? String(model) : persianDigits(model);
    return `${pick(words.nouns, this.seed, salt.product, i, 2)} ${pick(words.brands, this.seed, salt.product, i, 3)} مدل ${digits}`;
  }

  /** Consumer price (Price1) in rial before the variant's surcharge; log-uniform, rounded to 10,000 rial. */
  basePrice(i: number): number {
    const { words } = this.category(i);
    const u = unit(this.seed, salt.product, i, 6);
    const p = Math.exp(Math.log(words.minPrice) + u * (Math.log(words.maxPrice) - Math.log(words.minPrice)));
    return Math.round(p / 10_000) * 10_000;
  }

  product(i: number, rowVersion: number): SimRow {
    const id = i + 1;
    const { index, words } = this.category(i);
    const created = baseDate(hash32(this.seed, salt.product, i, 7));
    const name = this.productName(i);
    return {
      ProductId: id,
      ProductClientId: 0,
      ProductCode: id + 1000,
      ProductCategoryId: index + 1,
      ProductCategoryClientId: 0,
      ProductCategoryCode: index + 101,
      Name: name,
      UnitName: words.unit,
      UnitName2: words.unit2?.name ?? '',
      UnitCode: 1,
      UnitCode2: words.unit2 ? 2 : 0,
      Tags: words.name,
      UnitRatio: words.unit2?.ratio ?? 0,
      Min: 0,
      // API.md §3.4: the spec's TaxPercent is the levy and ChargePercent the tax (names swapped).
      TaxPercent: words.taxFree ? 0 : 3,
      ChargePercent: words.taxFree ? 0 : 7,
      Width: 0,
      Height: 0,
      Length: 0,
      Weight: between(1, 40, this.seed, salt.product, i, 8) * 100,
      Type: 0,
      // Most desktop products carry no description; one in five has a short one.
      Description: i % 5 === 0 ? `${words.name} - ${name}` : '',
      ProductTIN: '',
      UnitTIN: '',
      Deleted: false,
      DataHash: hash32(this.seed, salt.product, i, rowVersion).toString(16),
      CreateDate: created,
      UpdateDate: created,
      CreateSyncId: 0,
      UpdateSyncId: 0,
      RowVersion: rowVersion,
    };
  }

  /** Colour/size/weight of a product's variant, as Mahak's Properties JSON, and its price surcharge. */
  variantInfo(product: number, variant: number): { properties: string; label: string; surcharge: number } {
    const { words } = this.category(product);
    const h = hash32(this.seed, salt.detail, product);
    const colour = colours[(h + variant) % colours.length];
    if (words.variant === 'weight') {
      const w = (h % 3) + variant;
      return {
        properties: props([[propertyCodes.weight, weights[w]]]),
        label: weights[w],
        surcharge: 2 ** w - 1,
      };
    }
    if (words.variant === 'colourSize') {
      const size = sizes[((h >>> 8) + variant) % sizes.length];
      return {
        properties: props([
          [propertyCodes.colour, colour],
          [propertyCodes.size, size],
        ]),
        label: `${colour} ${size}`,
        surcharge: variant * 0.05,
      };
    }
    if (words.variant === 'none' && this.detailRange(product).count === 1)
      return { properties: '', label: '', surcharge: 0 };
    return { properties: props([[propertyCodes.colour, colour]]), label: colour, surcharge: variant * 0.03 };
  }

  detailPrice1(j: number): number {
    const { product, variant } = this.productOfDetail(j);
    return this.price1(product, this.variantInfo(product, variant).surcharge);
  }

  private price1(product: number, surcharge: number): number {
    return Math.round((this.basePrice(product) * (1 + surcharge)) / 10_000) * 10_000;
  }

  detail(j: number, rowVersion: number): SimRow {
    const { product, variant } = this.productOfDetail(j);
    const info = this.variantInfo(product, variant);
    const p1 = this.price1(product, info.surcharge);
    const level = (f: number) => Math.round((p1 * f) / 1000) * 1000;
    const discounted = hash32(this.seed, salt.detail, j, 2) % 10 === 0;
    return {
      ProductDetailId: j + 1,
      ProductDetailClientId: 0,
      ProductDetailCode: j + 1 + 5000,
      ProductId: product + 1,
      ProductClientId: 0,
      ProductCode: product + 1 + 1000,
      Properties: info.properties,
      Properties2: '',
      Barcode: barcode(hash32(this.seed, salt.detail, j, 1), j),
      Price1: p1,
      Price2: level(0.95),
      Price3: level(0.9),
      Price4: level(0.92),
      Price5: level(0.88),
      Price6: 0,
      Price7: 0,
      Price8: 0,
      Price9: 0,
      Price10: 0,
      Discount: discounted ? 5 : 0,
      Discount1: 0,
      Discount2: 0,
      Discount3: 0,
      Discount4: 0,
      DefaultDiscountLevel: 0,
      DiscountType: 1,
      DefaultSellPriceLevel: 1,
      CustomerPrice: Math.round((p1 * 1.05) / 10_000) * 10_000,
      Serials: '',
      Deleted: false,
      DataHash: hash32(this.seed, salt.detail, j, rowVersion).toString(16),
      CreateDate: baseDate(hash32(this.seed, salt.product, product, 7)),
      RowVersion: rowVersion,
    };
  }

  /** Base stock of detail j in store s (main unit). About one in eight is out of stock. */
  stock(j: number, s: number): number {
    const h = hash32(this.seed, salt.stock, j, s);
    if (h % 100 < 12) return 0;
    return s === 0 ? 1 + ((h >>> 8) % 150) : (h >>> 8) % 40;
  }

  asset(a: number, rowVersion: number): SimRow {
    const j = Math.floor(a / this.storeCount);
    const s = a % this.storeCount;
    const count1 = this.stock(j, s);
    return {
      ProductDetailStoreAssetId: a + 1,
      ProductDetailId: j + 1,
      StoreId: s + 1,
      Count1: count1,
      Count2: this.count2(j, count1),
      Deleted: false,
      CreateDate: baseDate(hash32(this.seed, salt.stock, j)),
      RowVersion: rowVersion,
    };
  }

  count2(j: number, count1: number): number {
    const ratio = this.category(this.productOfDetail(j).product).words.unit2?.ratio;
    return ratio ? Math.floor(count1 / ratio) : 0;
  }

  /** VisitorProducts.Count1 = the detail's stock over all stores (the sim's rule; API.md §3.4 leaves it open). */
  visitorProduct(j: number, rowVersion: number): SimRow {
    let count1 = 0;
    for (let s = 0; s < this.storeCount; s++) count1 += this.stock(j, s);
    return visitorProductRow(
      j + 1,
      j + 1,
      j + 1 + 5000,
      this.visitorId,
      count1,
      this.count2(j, count1),
      rowVersion,
    );
  }

  pictureColours(pictureId: number, version: number): { background: Rgb; band: Rgb } {
    const h = hash32(this.seed, salt.picture, pictureId, version);
    const background: Rgb = [60 + (h & 0x7f), 60 + ((h >>> 7) & 0x7f), 60 + ((h >>> 14) & 0x7f)];
    return { background, band: [background[0] + 60, background[1] + 60, background[2] + 60] };
  }

  picture(i: number, rowVersion: number): SimRow {
    return pictureRow(i + 1, this.productName(i), rowVersion);
  }

  /** PhotoGallery i links picture i to product i (EntityType 102, ItemCode = ProductId; API.md §3.4). */
  gallery(i: number, rowVersion: number): SimRow {
    return photoGalleryRow(i + 1, i + 1, i + 1, rowVersion);
  }
}
