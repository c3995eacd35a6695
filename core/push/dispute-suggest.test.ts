import { describe, expect, it } from 'vitest';
import type { DisputeReason } from '../contracts/orders.js';
import { fixtureLine, fixtureOrder, fixturePerson } from '../domain/push-fixtures.js';
import type { RecordErrorView } from '../domain/push-results.js';
import type { DisputeRecord } from './dispute-repo.js';
import { linesNamed, suggestOrderEdits, suggestPersonGroup, type SuggestOptions } from './dispute-suggest.js';

const options: SuggestOptions = { currency: 'rial', sellPriceLevel: 1, storeId: 3, personGroupId: 5 };
const order = fixtureOrder(7, {
  customer: { personSeq: null, personServerId: 88 },
  lines: [fixtureLine(501, 2, 12_500_000), fixtureLine(502, 4, 3_450_000, 'قاب چرمی')],
});
const lineError = (lineIndex: number, property: string): RecordErrorView => ({
  collection: 'OrderDetails',
  role: 'orderDetail',
  lineIndex,
  property,
  code: 3,
  message: 'خطا',
});
const rolledBack = (lineIndex: number): RecordErrorView => ({ ...lineError(lineIndex, ''), property: null });

function dispute(
  reason: DisputeReason,
  errors: RecordErrorView[],
  mahakCurrent: Record<string, unknown>,
): DisputeRecord {
  return {
    id: 'd1',
    outboxId: 'o1',
    orderId: order.orderId,
    kind: 'order',
    reason,
    status: 'open',
    allowed: [],
    payload: order,
    requestBody: null,
    mahakMessage: null,
    mahakProperty: null,
    mahakCode: null,
    errors,
    mahakCurrent,
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('suggested edits ("accept Mahak\'s view")', () => {
  it('names only the lines whose error has a Property (not those rolled back with the rest)', () => {
    expect([...linesNamed([lineError(1, 'Price'), rolledBack(0)])]).toEqual([1]);
  });

  it("prices a line at the customer's level: person, then group, then the detail's default", () => {
    const detail = {
      ProductDetailId: 502,
      Price1: 3_000_000,
      Price2: 3_600_000,
      Price3: 3_900_000,
      DefaultSellPriceLevel: 3,
    };
    const errors = [lineError(1, 'Price')];
    const withPerson = dispute('price_changed', errors, {
      ProductDetails: [detail],
      People: [{ PersonId: 88, PersonGroupId: 5, SellPriceLevel: 2 }],
      PersonGroups: [{ PersonGroupId: 5, SellPriceLevel: 1 }],
    });
    expect(suggestOrderEdits(withPerson, options)).toEqual([
      { kind: 'set_unit_price', lineIndex: 1, unitPrice: 3_600_000 },
    ]);
    const groupOnly = dispute('price_changed', errors, {
      ProductDetails: [detail],
      People: [{ PersonId: 88, PersonGroupId: 5 }],
      PersonGroups: [{ PersonGroupId: 5, SellPriceLevel: 1 }],
    });
    expect(suggestOrderEdits(groupOnly, options)).toEqual([
      { kind: 'set_unit_price', lineIndex: 1, unitPrice: 3_000_000 },
    ]);
    const detailDefault = dispute('price_changed', errors, { ProductDetails: [detail] });
    expect(suggestOrderEdits(detailDefault, options)).toEqual([
      { kind: 'set_unit_price', lineIndex: 1, unitPrice: 3_900_000 },
    ]);
  });

  it('converts a toman price to rial', () => {
    const d = dispute('price_changed', [lineError(0, 'Price')], {
      ProductDetails: [{ ProductDetailId: 501, Price1: 1_300_000 }],
    });
    expect(suggestOrderEdits(d, { ...options, currency: 'toman' })).toEqual([
      { kind: 'set_unit_price', lineIndex: 0, unitPrice: 13_000_000 },
    ]);
  });

  it('lowers a quantity to the stock of our store, or drops the line when there is none', () => {
    const stock = (count: number) => ({
      ProductDetailStoreAssets: [
        { ProductDetailId: 502, StoreId: 3, Count1: count, Deleted: false },
        { ProductDetailId: 502, StoreId: 9, Count1: 100, Deleted: false },
      ],
    });
    expect(suggestOrderEdits(dispute('stock_changed', [lineError(1, 'Count1')], stock(3)), options)).toEqual([
      { kind: 'set_quantity', lineIndex: 1, quantity: 3 },
    ]);
    expect(suggestOrderEdits(dispute('stock_changed', [lineError(1, 'Count1')], stock(0)), options)).toEqual([
      { kind: 'remove_line', lineIndex: 1 },
    ]);
    expect(suggestOrderEdits(dispute('stock_changed', [lineError(1, 'Count1')], stock(9)), options)).toEqual(
      [],
    );
  });

  it('drops a deleted product, but never every line (that is a cancellation)', () => {
    expect(
      suggestOrderEdits(dispute('product_deleted', [lineError(0, 'ProductDetailId')], {}), options),
    ).toEqual([{ kind: 'remove_line', lineIndex: 0 }]);
    const both = [lineError(0, 'ProductDetailId'), lineError(1, 'ProductDetailId')];
    expect(suggestOrderEdits(dispute('product_deleted', both, {}), options)).toEqual([]);
  });

  it('puts a new customer in the configured group when it exists in Mahak, else the first live one', () => {
    const person = {
      ...dispute('missing_person_group', [], {}),
      kind: 'person' as const,
      payload: fixturePerson(4),
    };
    const groups = (ids: number[]) => ({
      ...person,
      mahakCurrent: { PersonGroups: ids.map((id) => ({ PersonGroupId: id, Deleted: id === 1 })) },
    });
    expect(suggestPersonGroup(groups([1, 5, 6]), 5)).toBe(5);
    expect(suggestPersonGroup(groups([1, 6, 7]), 5)).toBe(6);
    expect(suggestPersonGroup(groups([]), 5)).toBeNull();
  });
});
