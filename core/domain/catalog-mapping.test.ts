import { describe, expect, it } from 'vitest';
import { pulledEntityNames } from '../contracts/mahak-wire.js';
import { isHamgamError } from '../errors.js';
import { catalogMappings, mappingFor, toRial } from './catalog-mapping.js';
import type { MappingContext } from './catalog-mapping-types.js';

const rial: MappingContext = { now: 1_700_000_000_000, mahakCurrency: 'rial' };
const toman: MappingContext = { ...rial, mahakCurrency: 'toman' };

const rowOf = (entity: Parameters<typeof mappingFor>[0], record: Record<string, unknown>, ctx = rial) => {
  const m = mappingFor(entity);
  const values = m.toRow(record, ctx);
  return Object.fromEntries(m.columns.map((c, i) => [c.name, values[i]]));
};

describe('catalog mapping', () => {
  it('maps every pulled entity to a table with id, row_version, deleted_at first and raw last', () => {
    expect(Object.keys(catalogMappings).sort()).toEqual([...pulledEntityNames].sort());
    const tables = new Set<string>();
    for (const m of Object.values(catalogMappings)) {
      expect(m.columns.slice(0, 3).map((c) => c.name)).toEqual(['id', 'row_version', 'deleted_at']);
      expect(m.columns.at(-1)).toEqual({ name: 'raw', type: 'json' });
      expect(new Set(m.columns.map((c) => c.name)).size).toBe(m.columns.length);
      tables.add(m.table);
    }
    expect(tables.size).toBe(pulledEntityNames.length);
  });

  it('maps a variant: prices in rial, Persian search text, raw kept whole', () => {
    const record = {
      ProductDetailId: 11,
      ProductId: 1,
      Barcode: '۶۲۶۰۰۱',
      Properties: 'رنگ مشكي',
      Price1: '1500000',
      Price2: 1_400_000,
      RowVersion: '4294967296',
      DataHash: 'abc',
    };
    const row = rowOf('ProductDetails', record);
    expect(row).toMatchObject({
      id: 11,
      row_version: 4_294_967_296,
      deleted_at: null,
      product_id: 1,
      price1: 1_500_000,
      price2: 1_400_000,
      price3: null,
    });
    expect(row.search_text).toBe('626001 رنگ مشکی');
    expect(row.raw).toEqual(record);
  });

  it('multiplies money by ten when Mahak keeps toman', () => {
    expect(
      rowOf(
        'ProductDetails',
        { ProductDetailId: 1, ProductId: 1, Price1: 150_000, CustomerPrice: 5, RowVersion: 1 },
        toman,
      ),
    ).toMatchObject({
      price1: 1_500_000,
      customer_price: 50,
    });
    expect(rowOf('People', { PersonId: 1, Credit: 1000, Balance: -20, RowVersion: 1 }, toman)).toMatchObject({
      credit: 10_000,
      balance: -200,
    });
    expect(toRial(null, toman)).toBeNull();
  });

  it('stamps deleted_at from the context on Deleted: true and leaves it null otherwise', () => {
    expect(rowOf('Products', { ProductId: 1, Deleted: true, RowVersion: 2 }).deleted_at).toBe(rial.now);
    expect(rowOf('Products', { ProductId: 1, Deleted: 'false', RowVersion: 3 }).deleted_at).toBeNull();
    expect(
      rowOf('VisitorProducts', { VisitorProductId: 1, ProductDetailId: 2, Deleted: 1, RowVersion: 4 })
        .deleted_at,
    ).toBe(rial.now);
  });

  it('normalises customers: mobile digits, e-mail case, searchable name', () => {
    const row = rowOf('People', {
      PersonId: 5,
      FirstName: 'علي',
      LastName: 'كريمي',
      Mobile: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
      Email: ' Ali@Example.COM ',
      RowVersion: 9,
    });
    expect(row).toMatchObject({
      first_name: 'علي',
      mobile: '09121234567',
      email: 'ali@example.com',
      search_text: 'علی کریمی 09121234567',
    });
  });

  it('reads keys case-insensitively and stores them canonically', () => {
    const row = rowOf('Products', { productid: 3, NAME: 'قلم', rowversion: 7 });
    expect(row).toMatchObject({ id: 3, name: 'قلم', row_version: 7 });
    expect(row.raw).toEqual({ ProductId: 3, Name: 'قلم', RowVersion: 7 });
  });

  it('rejects an invalid record with VALIDATION_FAILED naming the entity', () => {
    for (const bad of [
      { Name: 'بدون شناسه', RowVersion: 1 },
      { ProductId: 1 },
      { ProductId: 1, RowVersion: 2 ** 60 },
    ]) {
      const error = (() => {
        try {
          rowOf('Products', bad);
        } catch (e) {
          return e;
        }
      })();
      expect(isHamgamError(error) && error.code).toBe('VALIDATION_FAILED');
      expect((error as { details: { entity: string } }).details.entity).toBe('Products');
    }
  });

  it('identifies a record without mapping it', () => {
    expect(
      mappingFor('PhotoGalleries').identify({ PhotoGalleryId: 4, PictureId: 1, RowVersion: '12' }),
    ).toEqual({ id: 4, rowVersion: 12 });
  });
});
