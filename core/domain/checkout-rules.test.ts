import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableStock,
  checkoutErrorCode,
  evaluateCheckout,
  type CheckoutContext,
  type VariantFacts,
} from './checkout-rules.js';

const variant = (over: Partial<VariantFacts> = {}): VariantFacts => ({
  variantId: 501,
  productId: 50,
  productName: 'گوشی سامسونگ A54 مشکی',
  published: true,
  prices: { 1: 12_500_000, 2: 12_000_000 },
  syncedStock: 5,
  activeReservations: 1,
  taxPercent: 9,
  chargePercent: 0,
  ...over,
});

const ctx = (variants: VariantFacts[], over: Partial<CheckoutContext> = {}): CheckoutContext => ({
  variants: new Map(variants.map((v) => [v.variantId, v])),
  priceLevel: 1,
  taxEnabled: false,
  shippingCost: 0,
  ...over,
});

describe('evaluateCheckout', () => {
  it('prices a valid order in rial at the configured level', () => {
    const r = evaluateCheckout(
      [
        { variantId: 501, quantity: 2, expectedUnitPrice: 12_000_000 },
        { variantId: 777, quantity: 1 },
      ],
      ctx([variant(), variant({ variantId: 777, productName: 'قاب چرمی', prices: { 2: 450_000 } })], {
        priceLevel: 2,
        shippingCost: 350_000,
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.lines.map((l) => [l.unitPrice, l.lineNet, l.lineTotal])).toEqual([
      [12_000_000, 24_000_000, 24_000_000],
      [450_000, 450_000, 450_000],
    ]);
    expect(r.draft.totals).toEqual({
      itemsTotal: 24_450_000,
      taxTotal: 0,
      chargeTotal: 0,
      shippingCost: 350_000,
      total: 24_800_000,
    });
    // Mahak's levy/tax setting is off, so the line percentages go as 0 (Mahak must add nothing).
    expect(r.draft.lines[0].taxPercent).toBe(0);
  });

  it('adds tax and levy when Mahak has them enabled, keeping the percentages per line', () => {
    const r = evaluateCheckout(
      [{ variantId: 501, quantity: 1 }],
      ctx([variant({ taxPercent: 9, chargePercent: 1 })], { taxEnabled: true }),
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.draft.lines[0]).toMatchObject({
      taxPercent: 9,
      chargePercent: 1,
      taxAmount: 1_125_000,
      chargeAmount: 125_000,
    });
    expect(r.draft.totals.total).toBe(13_750_000);
  });

  it('uses the current price when the storefront sent none', () => {
    const r = evaluateCheckout([{ variantId: 501, quantity: 1 }], ctx([variant()]));
    expect(r.ok && r.draft.lines[0].unitPrice).toBe(12_500_000);
  });

  it('reports every problem with per-line details', () => {
    const r = evaluateCheckout(
      [
        { variantId: 501, quantity: 5, expectedUnitPrice: 11_900_000 },
        { variantId: 404, quantity: 1 },
        { variantId: 600, quantity: 1 },
        { variantId: 601, quantity: 1 },
      ],
      ctx([
        variant(),
        variant({ variantId: 600, published: false }),
        variant({ variantId: 601, prices: { 1: 0 } }),
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'ORDER_PRICE_CHANGED',
        lineIndex: 0,
        expectedUnitPrice: 11_900_000,
        currentUnitPrice: 12_500_000,
      }),
      expect.objectContaining({
        code: 'ORDER_STOCK_CHANGED',
        lineIndex: 0,
        requestedQuantity: 5,
        availableQuantity: 4,
      }),
      { code: 'PRODUCT_UNAVAILABLE', lineIndex: 1, variantId: 404, why: 'not_found' },
      expect.objectContaining({ code: 'PRODUCT_UNAVAILABLE', lineIndex: 2, why: 'unpublished' }),
      expect.objectContaining({ code: 'PRODUCT_UNAVAILABLE', lineIndex: 3, why: 'no_price' }),
    ]);
    expect(checkoutErrorCode(r.problems)).toBe('PRODUCT_UNAVAILABLE');
  });

  it('counts the same variant on two cart lines together against stock', () => {
    const r = evaluateCheckout(
      [
        { variantId: 501, quantity: 3 },
        { variantId: 501, quantity: 2 },
      ],
      ctx([variant()]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(checkoutErrorCode(r.problems)).toBe('ORDER_STOCK_CHANGED');
  });
});

describe('availableStock', () => {
  it('is synced stock minus reservations, whole units, never negative', () => {
    expect(availableStock(variant({ syncedStock: 5.7, activeReservations: 1 }))).toBe(4);
    expect(availableStock(variant({ syncedStock: 2, activeReservations: 5 }))).toBe(0);
    expect(availableStock(variant({ syncedStock: -3, activeReservations: 0 }))).toBe(0);
  });

  it('an accepted order never asks for more than is available (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 60 }),
        (stock, reserved, quantity) => {
          const v = variant({ syncedStock: stock, activeReservations: reserved });
          const r = evaluateCheckout([{ variantId: 501, quantity }], ctx([v]));
          expect(r.ok).toBe(quantity <= Math.max(0, stock - reserved));
        },
      ),
    );
  });
});

describe('totals (property)', () => {
  it('are integer rial and add up line by line', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: fc.integer({ min: 1, max: 2_000_000_000 }),
            qty: fc.integer({ min: 1, max: 1000 }),
          }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        fc.boolean(),
        (rows, taxEnabled) => {
          const variants = rows.map((row, i) =>
            variant({ variantId: i + 1, prices: { 1: row.price }, syncedStock: 1000, activeReservations: 0 }),
          );
          const r = evaluateCheckout(
            rows.map((row, i) => ({ variantId: i + 1, quantity: row.qty })),
            ctx(variants, { taxEnabled }),
          );
          if (!r.ok) throw new Error('expected ok');
          const sum = r.draft.lines.reduce((a, l) => a + l.lineTotal, 0);
          expect(r.draft.totals.total).toBe(sum);
          expect(Number.isSafeInteger(r.draft.totals.total)).toBe(true);
        },
      ),
    );
  });
});
