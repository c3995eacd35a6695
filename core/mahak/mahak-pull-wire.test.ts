import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { cursorKey, entityOf, getAllDataBody, readPulledObjects } from './mahak-pull-wire.js';

const product = (o: Record<string, unknown> = {}) => ({
  ProductId: 101,
  ProductCode: 5001,
  Name: 'چای احمد ۵۰۰ گرمی',
  RowVersion: 4_059_210_120,
  Deleted: false,
  ...o,
});

describe('getAllDataBody', () => {
  it('translates collection cursors to PascalCase From<Singular>Version', () => {
    const body = getAllDataBody(
      {
        cursors: { Products: 4_059_210_120, ProductDetails: 0, People: undefined, Orders: 7 },
        pageSize: 100,
        orderTypes: [201],
      },
      3,
    );
    expect(body).toEqual({
      FromProductVersion: 4_059_210_120,
      FromProductDetailVersion: 0,
      FromOrderVersion: 7,
      PageSize: 100,
      OrderTypes: [201],
      CurrentVisitorId: 3,
    });
    expect('FromPersonVersion' in body).toBe(false);
  });

  it('clamps a negative cursor (overlap window) to 0 and refuses non-integers', () => {
    expect(getAllDataBody({ cursors: { Stores: -50 } }, 1).FromStoreVersion).toBe(0);
    expect(() => getAllDataBody({ cursors: { Stores: 1.5 } }, 1)).toThrow(HamgamError);
  });

  it('refuses an unknown collection with VALIDATION_FAILED', () => {
    try {
      entityOf('Invoices');
      expect.unreachable();
    } catch (e) {
      expect((e as HamgamError).code).toBe('VALIDATION_FAILED');
    }
  });

  it('cursorKey upper-cases only the first letter', () => {
    expect(cursorKey(entityOf('ProductDetailStoreAssets'))).toBe('FromProductDetailStoreAssetVersion');
    expect(cursorKey(entityOf('People'))).toBe('FromPersonVersion');
  });
});

describe('readPulledObjects', () => {
  it('canonicalises record keys, keeps unknown keys and int64 RowVersions', () => {
    const raw = {
      productid: 7,
      name: 'برنج طارم هاشمی',
      rowVersion: '5000000000',
      DataHash: 'abc',
      deleted: 0,
    };
    const page = readPulledObjects({ Products: [raw] }, ['Products'], 'GetAllData');
    expect(page.quarantined).toEqual([]);
    expect(page.records.Products).toEqual([
      { ProductId: 7, Name: 'برنج طارم هاشمی', RowVersion: 5_000_000_000, DataHash: 'abc', Deleted: false },
    ]);
  });

  it('quarantines an invalid record with a reason and keeps the rest of the page', () => {
    const bad = { ProductId: 'کد', RowVersion: 1 };
    const page = readPulledObjects(
      { Products: [product(), bad, 'not-a-record', product({ ProductId: 102 })] },
      ['Products'],
      'GetAllData',
    );
    expect(page.records.Products?.map((p) => p.ProductId)).toEqual([101, 102]);
    expect(page.quarantined).toHaveLength(2);
    expect(page.quarantined[0]).toMatchObject({ entity: 'Products', payload: bad });
    expect(page.quarantined[0].reason).toContain('ProductId');
    expect(page.quarantined[1].reason).toBe('record is not an object');
  });

  it('quarantines a RowVersion beyond 2^53 instead of rounding it', () => {
    const page = readPulledObjects(
      { Products: [product({ RowVersion: '9007199254740993' })] },
      ['Products'],
      'x',
    );
    expect(page.records.Products).toEqual([]);
    expect(page.quarantined[0].reason).toContain('RowVersion');
  });

  it('reads null, missing and empty collections as empty', () => {
    const page = readPulledObjects({ Products: null, Stores: [] }, ['Products', 'Stores', 'People'], 'x');
    expect(page.records).toEqual({ Products: [], Stores: [], People: [] });
  });

  it('ignores collections that were not asked for', () => {
    const page = readPulledObjects({ Products: [product()], Regions: [{ CityID: 1 }] }, ['Products'], 'x');
    expect(Object.keys(page.records)).toEqual(['Products']);
  });

  it('refuses a collection that is not an array', () => {
    expect(() => readPulledObjects({ Products: { ProductId: 1 } }, ['Products'], 'x')).toThrow(
      /not an array/,
    );
  });
});
