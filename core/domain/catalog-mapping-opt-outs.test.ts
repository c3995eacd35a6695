import { describe, expect, it } from 'vitest';
import { mappingFor } from './catalog-mapping.js';

const none = { prices: false, stock: false, titles: false };

describe('pull opt-outs in the mapping', () => {
  it('names the columns each opt-out keeps, per entity', () => {
    const details = mappingFor('ProductDetails');
    expect(details.keptColumns(none)).toEqual([]);
    expect(details.keptColumns(undefined)).toEqual([]);
    expect(details.keptColumns({ ...none, prices: true })).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `price${i + 1}`),
      'customer_price',
    ]);
    expect(details.keptColumns({ ...none, stock: true })).toEqual(['count1', 'count2']);
    expect(mappingFor('Products').keptColumns({ ...none, titles: true })).toEqual(['name', 'search_text']);
    expect(mappingFor('ProductDetailStoreAssets').keptColumns({ ...none, stock: true })).toEqual([
      'count1',
      'count2',
    ]);
    expect(mappingFor('People').keptColumns({ prices: true, stock: true, titles: true })).toEqual([]);
    // Every kept column is a real column of the table.
    const names = new Set(details.columns.map((c) => c.name));
    expect(details.keptColumns({ prices: true, stock: true, titles: true }).every((c) => names.has(c))).toBe(
      true,
    );
  });
});
