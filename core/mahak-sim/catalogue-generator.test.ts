import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaseCatalogue, ROW_VERSION_START } from './catalogue-generator.js';
import { entityNames } from './sim-entities.js';

const make = (seed: number, products = 200) =>
  new BaseCatalogue({ seed, products, visitorId: 7, visitorTitle: 'فروشگاه', userName: 'demo' });
const rows = (c: BaseCatalogue, entity: (typeof entityNames)[number]) =>
  Array.from({ length: c.sources[entity].count }, (_, i) => c.sources[entity].rowAt(i));

describe('BaseCatalogue', () => {
  it('is deterministic: same seed, same rows and RowVersions; another seed, other data', () => {
    for (const e of entityNames) expect(rows(make(42), e)).toEqual(rows(make(42), e));
    expect(rows(make(43), 'Products').map((p) => p.Name)).not.toEqual(
      rows(make(42), 'Products').map((p) => p.Name),
    );
  });

  it('assigns RowVersions above 2^32, unique across entities, ascending within an entity', () => {
    const c = make(1);
    const all = entityNames.flatMap((e) => rows(c, e).map((r) => r.RowVersion as number));
    expect(Math.min(...all)).toBe(ROW_VERSION_START);
    expect(new Set(all).size).toBe(all.length);
    expect(c.endRowVersion).toBeGreaterThan(Math.max(...all));
  });

  it('generates a realistic Persian catalogue in rial', () => {
    const c = make(7, 400);
    const products = rows(c, 'Products');
    const details = rows(c, 'ProductDetails');
    expect(products.every((p) => /[\u0600-\u06FF]/.test(p.Name as string))).toBe(true);
    expect(rows(c, 'ProductCategories').map((x) => x.Name)).toEqual(
      expect.arrayContaining(['لوازم خانگی', 'پوشاک', 'خوراکی', 'لوازم التحریر']),
    );
    expect(new Set(products.map((p) => p.ProductCategoryId)).size).toBeGreaterThan(5);
    const p1 = details.map((d) => d.Price1 as number);
    expect(Math.min(...p1)).toBeGreaterThanOrEqual(100_000);
    expect(Math.max(...p1)).toBeLessThan(1_000_000_000);
    expect(p1.every((p) => p % 10_000 === 0)).toBe(true);
    expect(details.every((d) => (d.Price2 as number) < (d.Price1 as number))).toBe(true);
    expect(details.some((d) => /"C":"2"/.test(d.Properties as string))).toBe(true);
    expect(details.every((d) => /^626\d{10}$/.test(d.Barcode as string))).toBe(true);
    expect(rows(c, 'CostLevelNames').map((x) => x.Name)).toContain('قیمت مصرف کننده');
    expect(rows(c, 'Stores').map((x) => x.Name)).toContain('انبار مرکزی');
    const people = rows(c, 'People');
    const text = people.map((p) => `${p.FirstName} ${p.LastName}`).join(' ');
    expect(text).toMatch(/[يك]/); // Arabic yeh/kaf on purpose
    expect(text).toMatch(/[یک]/);
    expect(people.some((p) => /^[۰-۹]{11}$/.test(p.Mobile as string))).toBe(true);
    expect(people.some((p) => /^09\d{9}$/.test(p.Mobile as string))).toBe(true);
  });

  it('links every detail, stock row, assignment and picture to the right parent', () => {
    const c = make(5, 100);
    const g = c.products;
    const details = rows(c, 'ProductDetails');
    expect(details).toHaveLength(g.detailCount);
    for (const [j, d] of details.entries()) {
      const { first, count } = g.detailRange((d.ProductId as number) - 1);
      expect(j >= first && j < first + count).toBe(true);
    }
    const assets = rows(c, 'ProductDetailStoreAssets');
    expect(assets).toHaveLength(g.detailCount * c.storeCount);
    const vps = rows(c, 'VisitorProducts');
    for (const vp of vps.slice(0, 50)) {
      const total = assets
        .filter((a) => a.ProductDetailId === vp.ProductDetailId)
        .reduce((s, a) => s + (a.Count1 as number), 0);
      expect(vp.Count1).toBe(total);
    }
    expect(
      rows(c, 'PhotoGalleries').every((pg) => pg.EntityType === 102 && pg.ItemCode === pg.PictureId),
    ).toBe(true);
  });

  it('detailRange and productOfDetail are inverse for any catalogue size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 5000 }),
        (seed, products) => {
          const g = make(seed, products).products;
          const i = products - 1;
          const { first, count } = g.detailRange(i);
          expect(first + count).toBe(g.detailCount);
          for (let k = 0; k < count; k++)
            expect(g.productOfDetail(first + k)).toEqual({ product: i, variant: k });
        },
      ),
      { numRuns: 50 },
    );
  });
});
