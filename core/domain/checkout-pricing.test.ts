import { describe, expect, it } from 'vitest';
import { percentOf, priceLine, repriceLine, totalsOf } from './checkout-pricing.js';

describe('percentOf', () => {
  it('rounds half up to a whole rial', () => {
    expect(percentOf(12_500_000, 9)).toBe(1_125_000);
    expect(percentOf(105, 10)).toBe(11); // 10.5 -> 11
    expect(percentOf(104, 10)).toBe(10); // 10.4 -> 10
    expect(percentOf(1_000_000, 9.5)).toBe(95_000);
  });
  it('stays exact past 2^53 intermediate products', () => {
    expect(percentOf(2_000_000_000_000, 9)).toBe(180_000_000_000);
  });
});

describe('priceLine / repriceLine', () => {
  const line = priceLine(
    {
      variantId: 1,
      productId: 2,
      productName: 'چای احمد',
      quantity: 3,
      unitPrice: 850_000,
      taxPercent: 9,
      chargePercent: 1,
    },
    { taxEnabled: true },
  );
  it('multiplies, then adds tax and levy', () => {
    expect(line).toMatchObject({
      lineNet: 2_550_000,
      taxAmount: 229_500,
      chargeAmount: 25_500,
      lineTotal: 2_805_000,
    });
  });
  it('re-prices an edited quantity with the same percentages', () => {
    expect(repriceLine(line, { quantity: 1 })).toMatchObject({
      lineNet: 850_000,
      taxAmount: 76_500,
      lineTotal: 935_000,
    });
  });
  it('totals include shipping', () => {
    expect(totalsOf([line], 400_000).total).toBe(3_205_000);
  });
});
