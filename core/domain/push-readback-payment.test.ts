import { describe, expect, it } from 'vitest';
import type { ChequeWire, OrderWire, ReceiptWire } from '../contracts/mahak-wire.js';
import { chequeClientId, orderClientId, orderDetailClientId, receiptClientId } from './client-ids.js';
import { fixtureOrder, testMappingConfig as cfg } from './push-fixtures.js';
import { expectedOrderOf, verifyReadBack, type OrderDetailRow } from './push-readback.js';

/** Issue 8, item 7: a paid order is "posted" only with its Receipt and its Cheque of the right amount. */
const order = {
  OrderId: 880,
  OrderClientId: orderClientId(0, 42),
  Deleted: false,
  RowVersion: 10,
} as OrderWire;
const details = [0, 1].map(
  (i) =>
    ({
      OrderDetailId: 9900 + i,
      OrderDetailClientId: orderDetailClientId(0, 42, 0, i),
      OrderId: 880,
      ProductDetailId: [501, 502][i],
      Price: [12_500_000, 3_450_000][i],
      Count1: [1, 2][i],
      Deleted: false,
      RowVersion: 11 + i,
    }) as OrderDetailRow,
);
const paid = fixtureOrder(42);
const expected = expectedOrderOf(paid, cfg);
const receipt = (over: Partial<ReceiptWire> = {}) =>
  ({
    ReceiptId: 70,
    ReceiptClientId: receiptClientId(0, 42, 0),
    OrderId: 880,
    Deleted: false,
    RowVersion: 13,
    ...over,
  }) as ReceiptWire;
const cheque = (over: Partial<ChequeWire> = {}) =>
  ({
    ChequeId: 71,
    ChequeClientId: chequeClientId(0, 42, 0),
    ReceiptId: 70,
    Amount: expected.payment?.amount,
    Deleted: false,
    RowVersion: 14,
    ...over,
  }) as ChequeWire;
const verdict = (receipts: ReceiptWire[], cheques: ChequeWire[]) =>
  verifyReadBack(expected, [order], details, { receipts, cheques });

describe('verifyReadBack with the payment', () => {
  it('expects a payment for a paid order only', () => {
    expect(expected.payment).toMatchObject({ orderSeq: 42, generation: 0 });
    expect(expected.payment!.amount).toBeGreaterThan(0);
    const unpaid = expectedOrderOf(
      { ...paid, payment: { method: 'cash_on_delivery', paid: false, amount: 0 } },
      cfg,
    );
    expect(unpaid.payment).toBeUndefined();
    expect(verifyReadBack(unpaid, [order], details, { receipts: [], cheques: [] }).status).toBe('posted');
  });

  it('posted when the receipt and a cheque of the amount are there', () => {
    expect(verdict([receipt()], [cheque()]).status).toBe('posted');
  });

  it('a receipt of a later revision (sent alone after a partial save) counts, found by its ClientId', () => {
    const later = receipt({ ReceiptId: 75, ReceiptClientId: receiptClientId(0, 42, 3), OrderId: undefined });
    expect(verdict([later], [cheque({ ReceiptId: 75 })]).status).toBe('posted');
  });

  it('payment_missing, with the invoice, when the receipt or the cheque is not there or deleted', () => {
    expect(verdict([], [])).toMatchObject({
      status: 'payment_missing',
      orderServerId: 880,
      missing: 'receipt',
    });
    expect(verdict([receipt({ Deleted: true })], [cheque()])).toMatchObject({ missing: 'receipt' });
    expect(verdict([receipt()], [])).toMatchObject({ missing: 'cheque' });
    expect(verdict([receipt()], [cheque({ Amount: 1 })])).toMatchObject({ missing: 'cheque' });
    // Another order's receipt is not ours.
    const other = receipt({ OrderId: 881, ReceiptClientId: receiptClientId(0, 43, 0) });
    expect(verdict([other], [cheque()])).toMatchObject({ missing: 'receipt' });
  });
});
