import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityUpdateResult } from '../contracts/mahak-wire.js';
import { buildPushBatches, type PushBatch } from './order-mapping-batch.js';
import { pushCollections, type PushCollection } from './order-mapping.js';
import { fixtureOrder, fixturePerson, testMappingConfig as cfg } from './push-fixtures.js';
import { mapSaveResults, type SaveAllDataOutcome } from './push-results.js';

type Answer = { ok: true } | { ok: false; errors: { Property?: string; Error?: string }[] };

let nextId = 70_000;
function result(index: number, answer: Answer): EntityUpdateResult {
  const base = { Index: index, EntityClientId: undefined, EntityCode: undefined, AdditionalData: undefined };
  if (answer.ok)
    return { ...base, Result: true, EntityId: nextId++, RowVersion: 4_059_210_120 + index, Errors: [] };
  const Errors = answer.errors.map((e) => ({ Property: e.Property, Code: 0, Error: e.Error }));
  return { ...base, Result: false, EntityId: undefined, RowVersion: undefined, Errors };
}

/** Answers every record OK unless `answers` says otherwise for (collection, index). */
function respond(
  batch: PushBatch,
  envelope: boolean,
  answers: Partial<Record<string, Answer>> = {},
): SaveAllDataOutcome {
  const results: SaveAllDataOutcome['results'] = {};
  for (const c of pushCollections) {
    const rows = batch.body[c];
    if (rows) results[c] = rows.map((_, i) => result(i, answers[`${c}:${i}`] ?? { ok: true }));
  }
  return { result: envelope, results };
}

const batchOf = () => {
  const { batches } = buildPushBatches(
    [
      { outboxId: 'p9', payload: fixturePerson(9, { firstName: 'فاطمه', lastName: 'كريمي' }) },
      { outboxId: 'o1', payload: fixtureOrder(1, { customer: { personSeq: 9, personServerId: null } }) },
      { outboxId: 'o2', payload: fixtureOrder(2, { customer: { personSeq: 2, personServerId: 4242 } }) },
    ],
    cfg,
    { maxRecords: 500 },
  );
  expect(batches).toHaveLength(1);
  return batches[0];
};

const registered = 'این سفارش قبلا ثبت شده و قابل ویرایش نیست';

describe('mapSaveResults', () => {
  it('marks everything sent with server ids and RowVersions when all is well', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(batch, respond(batch, true));
    expect(outcomes.map((o) => [o.outboxId, o.kind])).toEqual([
      ['p9', 'sent'],
      ['o1', 'sent'],
      ['o2', 'sent'],
    ]);
    const o1 = outcomes[1];
    if (o1.kind !== 'sent') throw new Error('expected sent');
    expect(o1.saved.map((s) => s.role)).toEqual(['order', 'orderDetail', 'orderDetail', 'receipt', 'cheque']);
    expect(o1.saved[2]).toMatchObject({
      lineIndex: 1,
      rowVersion: expect.any(Number),
      serverId: expect.any(Number),
    });
  });

  it('maps by Index even when Mahak returns results out of order', () => {
    const batch = batchOf();
    const answer = respond(batch, false, {
      'OrderDetails:3': { ok: false, errors: [{ Property: 'Price', Error: 'قیمت' }] },
    });
    answer.results.OrderDetails = [...answer.results.OrderDetails!].reverse();
    const outcomes = mapSaveResults(batch, answer);
    // OrderDetails index 3 = o2's second line (o1 has 2 lines at 0-1).
    expect(outcomes.find((o) => o.outboxId === 'o2')).toMatchObject({
      kind: 'dispute',
      reason: 'price_changed',
      mayBeCommitted: true,
      errors: [{ collection: 'OrderDetails', lineIndex: 1, property: 'Price' }],
    });
  });

  it('treats a re-sent order that Mahak says is registered as already sent', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(
      batch,
      respond(batch, false, {
        'Orders:1': { ok: false, errors: [{ Property: 'OrderId', Error: registered }] },
        'OrderDetails:2': { ok: false, errors: [{ Property: 'OrderClientId', Error: 'سفارش یافت نشد' }] },
      }),
    );
    expect(outcomes.find((o) => o.outboxId === 'o2')).toEqual({ kind: 'already_sent', outboxId: 'o2' });
  });

  it('retries the innocent items of a failed request and asks for a read-back first', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(
      batch,
      respond(batch, false, {
        'OrderDetails:0': { ok: false, errors: [{ Property: 'ProductDetailId', Error: 'حذف' }] },
      }),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'dispute', 'retry']);
    expect(outcomes[0]).toMatchObject({ why: 'request_failed', countsAsAttempt: false, readBackFirst: true });
    expect(outcomes[1]).toMatchObject({ reason: 'product_deleted' });
  });

  it('retries an order whose new customer failed, and disputes the customer', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(
      batch,
      respond(batch, false, {
        'People:0': { ok: false, errors: [{ Property: 'PersonGroupId', Error: 'گروه یافت نشد' }] },
        'VisitorPeople:0': { ok: false, errors: [{ Property: 'PersonClientId', Error: 'شخص یافت نشد' }] },
        'Orders:0': { ok: false, errors: [{ Property: 'PersonClientId', Error: 'شخص یافت نشد' }] },
      }),
    );
    expect(outcomes[0]).toMatchObject({
      kind: 'dispute',
      reason: 'missing_person_group',
      mayBeCommitted: false,
    });
    expect(outcomes[1]).toMatchObject({ kind: 'retry', why: 'dependency_failed', countsAsAttempt: false });
  });

  it('disputes an order whose known customer Mahak rejects', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(
      batch,
      respond(batch, false, {
        'Orders:1': { ok: false, errors: [{ Property: 'PersonId', Error: 'شخص غیرفعال است' }] },
      }),
    );
    expect(outcomes[2]).toMatchObject({ kind: 'dispute', reason: 'person_rejected' });
  });

  it('leaves an unexplained rejection to the failure policy', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(batch, respond(batch, false, { 'Orders:0': { ok: false, errors: [] } }));
    expect(outcomes[1]).toMatchObject({ kind: 'failed', errors: [{ property: null, message: null }] });
  });

  it("calls an invoice refused only on Mahak's own no, never when its money said yes", () => {
    const batch = batchOf();
    const no: Answer = { ok: false, errors: [{ Error: 'فاکتور ثبت نشد' }] };
    // o1: the invoice and its payment refused, its lines said yes (no invoice without it): refused.
    // o2 (Orders:1): the invoice refused but its receipt said yes: a resend could pay twice.
    const answers = { 'Orders:0': no, 'Receipts:0': no, 'Cheques:0': no, 'Orders:1': no };
    const outcomes = mapSaveResults(batch, respond(batch, false, answers));
    expect(outcomes[1]).toMatchObject({ kind: 'failed', mayBeCommitted: true, refused: true });
    expect(outcomes[2]).toMatchObject({ kind: 'failed', refused: false });
    // A record Mahak said nothing about under a true envelope is no answer at all.
    const silent = respond(batch, true, { 'Orders:0': no });
    (silent.results.Orders![0] as { Missing?: boolean }).Missing = true;
    expect(mapSaveResults(batch, silent)[1]).toMatchObject({ kind: 'failed', refused: false });
  });

  it('retries with a read-back when Mahak sent no results at all', () => {
    const batch = batchOf();
    const outcomes = mapSaveResults(batch, { result: false, message: 'خطای سرور', results: {} });
    for (const o of outcomes)
      expect(o).toMatchObject({ kind: 'retry', why: 'no_result', readBackFirst: true });
  });

  it('falls back to position when results carry no Index (S3, S4)', () => {
    const batch = batchOf();
    const answer = respond(batch, true);
    for (const c of Object.keys(answer.results) as PushCollection[]) {
      answer.results[c] = answer.results[c]!.map((r) => ({ ...r, Index: undefined }));
    }
    expect(mapSaveResults(batch, answer).every((o) => o.kind === 'sent')).toBe(true);
  });
});

describe('mapSaveResults (property)', () => {
  it('gives every item exactly one outcome; sent only when the envelope and all its records succeed', () => {
    const arb = fc.record({
      envelope: fc.boolean(),
      failures: fc.array(
        fc.record({
          c: fc.constantFrom(...pushCollections),
          i: fc.nat(5),
          p: fc.constantFrom('Price', 'Count1', 'OrderId', ''),
        }),
        {
          maxLength: 4,
        },
      ),
    });
    fc.assert(
      fc.property(arb, ({ envelope, failures }) => {
        const batch = batchOf();
        const answers: Record<string, Answer> = {};
        for (const f of failures)
          answers[`${f.c}:${f.i}`] = { ok: false, errors: [{ Property: f.p, Error: registered }] };
        const outcomes = mapSaveResults(batch, respond(batch, envelope, answers));
        expect(outcomes.map((o) => o.outboxId)).toEqual(batch.outboxIds);
        for (const o of outcomes) {
          const own = batch.slots.filter((s) => s.outboxId === o.outboxId);
          const anyFailed = own.some((s) => answers[`${s.collection}:${s.index}`]);
          if (o.kind === 'sent') expect(envelope && !anyFailed).toBe(true);
          if (envelope && !anyFailed) expect(o.kind).toBe('sent');
        }
      }),
    );
  });
});
