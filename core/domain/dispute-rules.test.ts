import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disputeReasonSchema, disputeResolutionSchema } from '../contracts/orders.js';
import {
  allowedResolutions,
  applyOrderEdits,
  applyPersonEdit,
  checkResolution,
  prepareResend,
} from './dispute-rules.js';
import { fixtureLine, fixtureOrder, fixturePerson } from './push-fixtures.js';

describe('allowed resolutions', () => {
  it('cover every reason with known resolutions', () => {
    for (const reason of disputeReasonSchema.options) {
      expect(allowedResolutions[reason].length).toBeGreaterThan(0);
      for (const r of allowedResolutions[reason]) expect(disputeResolutionSchema.options).toContain(r);
    }
  });

  it('refuse a resend once Mahak holds a different invoice, and cancelling a customer', () => {
    expect(checkResolution('readback_mismatch', 'resend')).toMatchObject({
      code: 'DISPUTE_RESOLUTION_NOT_ALLOWED',
    });
    expect(checkResolution('missing_person_group', 'cancel_order')).toMatchObject({
      code: 'DISPUTE_RESOLUTION_NOT_ALLOWED',
    });
    expect(checkResolution('price_changed', 'edit_and_resend')).toBeUndefined();
  });
});

describe('applyOrderEdits', () => {
  const order = fixtureOrder(42); // 12_500_000 x1 + 3_450_000 x2, 9% tax, 600_000 shipping, paid in full

  it('accepts Mahak’s new price for a line and re-prices the order', () => {
    const r = applyOrderEdits(order, [{ kind: 'set_unit_price', lineIndex: 0, unitPrice: 13_000_000 }]);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.payload.revision).toBe(1);
    expect(r.payload.lines[0]).toMatchObject({
      unitPrice: 13_000_000,
      lineNet: 13_000_000,
      taxAmount: 1_170_000,
    });
    expect(r.payload.totals.total).toBe(order.totals.total + 545_000);
    expect(r.audit).toEqual({
      changes: [
        {
          lineIndex: 0,
          productName: 'گوشی سامسونگ A54',
          field: 'unitPrice',
          from: 12_500_000,
          to: 13_000_000,
        },
      ],
      totalsBefore: order.totals,
      totalsAfter: r.payload.totals,
      paymentDifference: -545_000,
    });
  });

  it('lowers a quantity to stock and drops a deleted product', () => {
    const r = applyOrderEdits(order, [
      { kind: 'set_quantity', lineIndex: 1, quantity: 1 },
      { kind: 'remove_line', lineIndex: 0 },
    ]);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.payload.lines.map((l) => [l.variantId, l.quantity])).toEqual([[502, 1]]);
    expect(r.payload.totals.total).toBe(3_450_000 + 310_500 + 600_000);
    expect(r.audit.changes.map((c) => c.field)).toEqual(['removed', 'quantity']);
    expect(r.audit.paymentDifference).toBe(order.totals.total - r.payload.totals.total);
  });

  it('refuses bad edits and an order left empty', () => {
    const cases = [
      [{ kind: 'set_unit_price', lineIndex: 5, unitPrice: 1 }],
      [{ kind: 'set_unit_price', lineIndex: 0, unitPrice: 0 }],
      [{ kind: 'set_quantity', lineIndex: 0, quantity: 0 }],
      // Raising a quantity would sell stock the checkout never reserved.
      [{ kind: 'set_quantity', lineIndex: 0, quantity: order.lines[0].quantity + 1 }],
      [
        { kind: 'remove_line', lineIndex: 0 },
        { kind: 'remove_line', lineIndex: 1 },
      ],
      [],
    ] as const;
    for (const edits of cases) {
      const r = applyOrderEdits(order, edits);
      expect(r.ok ? 'ok' : r.problem.code).toBe('VALIDATION_FAILED');
    }
  });

  it('has no payment difference for cash on delivery', () => {
    const cod = fixtureOrder(1, { payment: { method: 'cash_on_delivery', paid: false, amount: 0 } });
    const r = applyOrderEdits(cod, [{ kind: 'set_quantity', lineIndex: 1, quantity: 1 }]);
    expect(r.ok && r.audit.paymentDifference).toBe(0);
  });

  it('keeps totals consistent for any edit of any line (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: fc.integer({ min: 1, max: 500_000_000 }),
            qty: fc.integer({ min: 1, max: 1000 }),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.nat(),
        fc.integer({ min: 1, max: 500_000_000 }),
        (rows, at, newPrice) => {
          const lines = rows.map((r, i) => fixtureLine(100 + i, r.qty, r.price));
          const payload = fixtureOrder(9, { lines });
          const r = applyOrderEdits(payload, [
            { kind: 'set_unit_price', lineIndex: at % lines.length, unitPrice: newPrice },
          ]);
          if (!r.ok) throw new Error(r.problem.message);
          const t = r.payload.totals;
          expect(t.total).toBe(t.itemsTotal + t.taxTotal + t.chargeTotal + t.shippingCost);
          expect(t.itemsTotal).toBe(r.payload.lines.reduce((a, l) => a + l.unitPrice * l.quantity, 0));
        },
      ),
    );
  });
});

describe('prepareResend / applyPersonEdit', () => {
  it('bump the revision until it runs out', () => {
    expect(prepareResend(fixtureOrder(1))).toMatchObject({ ok: true, payload: { revision: 1 } });
    expect(prepareResend(fixtureOrder(1, { revision: 99 }))).toMatchObject({ ok: false });
  });

  it('moves a new customer into a group that exists in Mahak', () => {
    const r = applyPersonEdit(fixturePerson(3), { kind: 'set_person_group', personGroupId: 14 });
    expect(r).toMatchObject({ ok: true, payload: { personGroupId: 14 }, audit: { from: null, to: 14 } });
    expect(applyPersonEdit(fixturePerson(3), { kind: 'set_person_group', personGroupId: -1 }).ok).toBe(false);
  });
});
