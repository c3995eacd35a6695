import { describe, expect, it } from 'vitest';
import type { OrderWire } from '../contracts/mahak-wire.js';
import { orderClientId, orderDetailClientId } from './client-ids.js';
import { fixtureOrder, testMappingConfig as cfg } from './push-fixtures.js';
import { expectedOrderOf, verifyReadBack, type OrderDetailRow } from './push-readback.js';

const order = (over: Partial<OrderWire> = {}): OrderWire =>
  ({
    OrderId: 880,
    OrderClientId: orderClientId(0, 42),
    Deleted: false,
    RowVersion: 5_000_000_001,
    ...over,
  }) as OrderWire;

const detail = (lineIndex: number, over: Partial<OrderDetailRow> = {}): OrderDetailRow =>
  ({
    OrderDetailId: 9900 + lineIndex,
    OrderDetailClientId: orderDetailClientId(0, 42, 0, lineIndex),
    OrderId: 880,
    ProductDetailId: [501, 502][lineIndex],
    Price: [12_500_000, 3_450_000][lineIndex],
    Count1: [1, 2][lineIndex],
    Deleted: false,
    RowVersion: 5_000_000_010 + lineIndex,
    ...over,
  }) as OrderDetailRow;

const expected = expectedOrderOf(fixtureOrder(42), cfg);

describe('verifyReadBack', () => {
  it('says posted, with server ids, when Mahak holds what we sent', () => {
    expect(verifyReadBack(expected, [order()], [detail(0), detail(1)])).toEqual({
      status: 'posted',
      orderServerId: 880,
      rowVersion: 5_000_000_001,
      details: [
        { lineIndex: 0, serverId: 9900, rowVersion: 5_000_000_010 },
        { lineIndex: 1, serverId: 9901, rowVersion: 5_000_000_011 },
      ],
    });
  });

  it('says missing when no order has our OrderClientId', () => {
    expect(verifyReadBack(expected, [order({ OrderClientId: orderClientId(0, 43) })], [])).toEqual({
      status: 'missing',
    });
  });

  it('reports changed amounts, missing and extra lines', () => {
    const extra = detail(0, { OrderDetailId: 9999, OrderDetailClientId: undefined, ProductDetailId: 777 });
    const verdict = verifyReadBack(
      expected,
      [order()],
      [detail(0, { Price: 13_000_000, Count1: 1.0 }), extra],
    );
    expect(verdict).toEqual({
      status: 'mismatch',
      orderServerId: 880,
      differences: [
        { kind: 'line_changed', lineIndex: 0, field: 'price', sent: 12_500_000, mahak: 13_000_000 },
        { kind: 'line_missing', lineIndex: 1, productDetailId: 502 },
        { kind: 'extra_line', orderDetailId: 9999, productDetailId: 777 },
      ],
    });
  });

  it('matches lines of an earlier revision by product', () => {
    const later = expectedOrderOf(fixtureOrder(42, { revision: 1 }), cfg);
    expect(verifyReadBack(later, [order()], [detail(0), detail(1)]).status).toBe('posted');
  });

  it('compares in Mahak currency', () => {
    const toman = expectedOrderOf(fixtureOrder(42), { ...cfg, currency: 'toman' });
    expect(verifyReadBack(toman, [order()], [detail(0), detail(1)]).status).toBe('mismatch');
    const rows = [detail(0, { Price: 1_250_000 }), detail(1, { Price: 345_000 })];
    expect(verifyReadBack(toman, [order()], rows).status).toBe('posted');
  });

  it('ignores deleted lines and flags a deleted or duplicated invoice', () => {
    expect(verifyReadBack(expected, [order()], [detail(0), detail(1, { Deleted: true })])).toMatchObject({
      status: 'mismatch',
      differences: [{ kind: 'line_missing', lineIndex: 1 }],
    });
    expect(verifyReadBack(expected, [order({ Deleted: true })], [])).toMatchObject({
      status: 'mismatch',
      differences: [{ kind: 'deleted_in_mahak' }],
    });
    const twice = [order(), order({ OrderId: 881, RowVersion: 5_000_000_002 })];
    expect(verifyReadBack(expected, twice, [])).toMatchObject({
      status: 'mismatch',
      orderServerId: 881,
      differences: [{ kind: 'duplicate_invoice', orderServerIds: [880, 881] }],
    });
  });
});
