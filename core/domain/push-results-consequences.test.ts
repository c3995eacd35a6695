import { describe, expect, it } from 'vitest';
import type { EntityUpdateResult } from '../contracts/mahak-wire.js';
import { buildPushBatches } from './order-mapping-batch.js';
import { pushCollections } from './order-mapping.js';
import { fixtureOrder, fixturePerson, testMappingConfig as cfg } from './push-fixtures.js';
import { mapSaveResults, type SaveAllDataOutcome } from './push-results.js';

const fail = (index: number, ...errors: [string, string][]): EntityUpdateResult => ({
  Result: false,
  Index: index,
  EntityId: undefined,
  EntityClientId: undefined,
  EntityCode: undefined,
  RowVersion: undefined,
  Errors: errors.map(([Property, Error]) => ({ Property, Code: 3, Error })),
});

/**
 * A rejected parent makes its children fail too ("OrderClientId not found" on every line, receipt and
 * cheque, as the simulator answers): those errors are consequences and must not name the dispute.
 */
describe('mapSaveResults: errors that only follow from a failed parent', () => {
  const { batches } = buildPushBatches(
    [
      { outboxId: 'p3', payload: fixturePerson(3) },
      { outboxId: 'o3', payload: fixtureOrder(3, { customer: { personSeq: 3, personServerId: null } }) },
    ],
    cfg,
    { maxRecords: 100 },
  );
  const batch = batches[0];
  const notFound = (p: string): [string, string] => [p, `رکورد مرتبط (${p}) یافت نشد`];

  function answer(): SaveAllDataOutcome {
    const results: SaveAllDataOutcome['results'] = {};
    for (const c of pushCollections) {
      const rows = batch.body[c] ?? [];
      if (rows.length === 0) continue;
      results[c] = rows.map((_, i) => {
        if (c === 'People') return fail(i, ['PersonGroupId', 'گروه اشخاص یافت نشد']);
        if (c === 'VisitorPeople' || c === 'Orders') return fail(i, notFound('PersonClientId'));
        if (c === 'Receipts') return fail(i, notFound('PersonClientId'), notFound('OrderClientId'));
        if (c === 'Cheques') return fail(i, notFound('ReceiptClientId'));
        return fail(i, notFound('OrderClientId'));
      });
    }
    return { result: false, results };
  }

  it("blames the missing customer, not the lines: the order waits for its person instead of a 'validation' dispute", () => {
    const outcomes = mapSaveResults(batch, answer());
    expect(outcomes.find((o) => o.outboxId === 'p3')).toMatchObject({
      kind: 'dispute',
      reason: 'missing_person_group',
    });
    expect(outcomes.find((o) => o.outboxId === 'o3')).toMatchObject({
      kind: 'retry',
      why: 'dependency_failed',
    });
  });

  it('keeps a child error that names its own cause', () => {
    const a = answer();
    a.results.OrderDetails = (batch.body.OrderDetails ?? []).map((_, i) =>
      i === 0
        ? fail(i, notFound('OrderClientId'), ['ProductDetailId', 'این کالا حذف شده است'])
        : fail(i, notFound('OrderClientId')),
    );
    expect(mapSaveResults(batch, a).find((o) => o.outboxId === 'o3')).toMatchObject({
      kind: 'dispute',
      reason: 'product_deleted',
    });
  });
});

describe('mapSaveResults: a person rolled back with the rest of the request', () => {
  it('is not a person dispute: the unexplained failure goes to the failure policy', () => {
    const { batches } = buildPushBatches(
      [
        { outboxId: 'p5', payload: fixturePerson(5) },
        { outboxId: 'o6', payload: fixtureOrder(6, { customer: { personSeq: null, personServerId: 77 } }) },
      ],
      cfg,
      { maxRecords: 100 },
    );
    const batch = batches[0];
    const rolledBack: [string, string] = ['', 'به دلیل خطا در رکوردهای دیگر این درخواست، ذخیره نشد'];
    const results: SaveAllDataOutcome['results'] = {};
    for (const c of pushCollections) {
      const rows = batch.body[c] ?? [];
      if (rows.length === 0) continue;
      results[c] = rows.map((_, i) =>
        c === 'Orders'
          ? fail(i, ['OrderId', 'این سفارش قبلاً ثبت شده و قابل ویرایش نیست'])
          : fail(i, rolledBack),
      );
    }
    const outcomes = mapSaveResults(batch, { result: false, results });
    expect(outcomes.find((o) => o.outboxId === 'p5')).toMatchObject({ kind: 'failed' });
    expect(outcomes.find((o) => o.outboxId === 'o6')).toMatchObject({ kind: 'already_sent' });
  });
});
