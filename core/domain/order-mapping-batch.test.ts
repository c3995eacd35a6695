import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushOutboxItem, PushPayload } from '../contracts/orders.js';
import { personClientId } from './client-ids.js';
import { buildPushBatches, slotAt, type PushBatch } from './order-mapping-batch.js';
import { pushCollections } from './order-mapping.js';
import { fixtureLine, fixtureOrder, fixturePerson, testMappingConfig as cfg } from './push-fixtures.js';

const item = (outboxId: string, payload: PushPayload): PushOutboxItem => ({ outboxId, payload });

describe('buildPushBatches', () => {
  it('puts a new customer and their order in one request, parents first', () => {
    const { batches, rejected } = buildPushBatches(
      [
        item('o1', fixtureOrder(1, { customer: { personSeq: 7, personServerId: null } })),
        item('p7', fixturePerson(7)),
      ],
      cfg,
      { maxRecords: 500 },
    );
    expect(rejected).toEqual([]);
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(Object.keys(batch.body)).toEqual([
      'People',
      'VisitorPeople',
      'Orders',
      'OrderDetails',
      'Receipts',
      'Cheques',
    ]);
    expect(batch.body.Orders![0].PersonClientId).toBe(personClientId(0, 7));
    expect(batch.outboxIds).toEqual(['p7', 'o1']);
    expect(slotAt(batch, 'People', 0)).toMatchObject({ outboxId: 'p7', role: 'person' });
    expect(slotAt(batch, 'OrderDetails', 1)).toMatchObject({
      outboxId: 'o1',
      role: 'orderDetail',
      lineIndex: 1,
    });
  });

  it('rejects corrupt payloads and unconvertible amounts, and still sends the rest', () => {
    const corrupt = { ...fixtureOrder(2), lines: 'نامعتبر' } as unknown as PushPayload;
    const odd = fixtureOrder(3, { lines: [fixtureLine(501, 1, 12_500_005)] });
    const { batches, rejected } = buildPushBatches(
      [item('bad', corrupt), item('odd', odd), item('ok', fixtureOrder(4))],
      { ...cfg, currency: 'toman' },
      { maxRecords: 500 },
    );
    expect(rejected.map((r) => [r.outboxId, r.problem.code])).toEqual([
      ['bad', 'VALIDATION_FAILED'],
      ['odd', 'PUSH_AMOUNT_NOT_CONVERTIBLE'],
    ]);
    expect(batches.flatMap((b) => b.outboxIds)).toEqual(['ok']);
  });

  it('never splits an order, even when it alone is over the cap', () => {
    const big = fixtureOrder(5, {
      lines: Array.from({ length: 30 }, (_, i) => fixtureLine(600 + i, 1, 1_000_000)),
    });
    const { batches } = buildPushBatches(
      [item('a', fixtureOrder(6)), item('big', big), item('b', fixtureOrder(7))],
      cfg,
      {
        maxRecords: 10,
      },
    );
    expect(batches.map((b) => b.outboxIds)).toEqual([['a'], ['big'], ['b']]);
    expect(batches[1].body.OrderDetails).toHaveLength(30);
  });

  it('keeps one PersonClientId per request', () => {
    const { batches } = buildPushBatches(
      [item('p1', fixturePerson(1)), item('p1-again', fixturePerson(1))],
      cfg,
      {
        maxRecords: 500,
      },
    );
    expect(batches.map((b) => b.outboxIds)).toEqual([['p1'], ['p1-again']]);
  });
});

// ---- properties over random outboxes ----

const arbItems = fc
  .record({
    persons: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 8 }),
    orders: fc.array(
      fc.record({
        personSeq: fc.integer({ min: 1, max: 12 }),
        known: fc.boolean(),
        lines: fc.integer({ min: 1, max: 6 }),
        paid: fc.boolean(),
      }),
      { maxLength: 25 },
    ),
    maxRecords: fc.integer({ min: 3, max: 40 }),
  })
  .map(({ persons, orders, maxRecords }) => {
    const items: PushOutboxItem[] = persons.map((seq) => item(`p${seq}`, fixturePerson(seq)));
    orders.forEach((o, i) => {
      const lines = Array.from({ length: o.lines }, (_, l) => fixtureLine(500 + l, 1, 2_000_000));
      const payment = o.paid
        ? { method: 'online' as const, paid: true, amount: 2_000_000 * o.lines, reference: `R${i}` }
        : { method: 'cash_on_delivery' as const, paid: false, amount: 0 };
      const customer = { personSeq: o.personSeq, personServerId: o.known ? 9000 + o.personSeq : null };
      items.push(item(`o${i}`, fixtureOrder(i + 1, { lines, payment, customer })));
    });
    // Outbox order is arbitrary: shuffle deterministically by a hash of the id.
    items.sort((a, b) => hash(a.outboxId) - hash(b.outboxId));
    return { items, maxRecords };
  });

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7);
const ids = (batch: PushBatch, collection: keyof PushBatch['body'], key: string) =>
  new Set((batch.body[collection] ?? []).map((r) => r[key]));

describe('buildPushBatches (properties)', () => {
  it('every item lands in exactly one batch and every result index maps back to exactly one item', () => {
    fc.assert(
      fc.property(arbItems, ({ items, maxRecords }) => {
        const { batches, rejected } = buildPushBatches(items, cfg, { maxRecords });
        expect(rejected).toEqual([]);
        const placed = batches.flatMap((b) => b.outboxIds);
        expect([...placed].sort()).toEqual(items.map((i) => i.outboxId).sort());
        for (const batch of batches) {
          const records = pushCollections.reduce((n, c) => n + (batch.body[c]?.length ?? 0), 0);
          expect(batch.slots).toHaveLength(records);
          for (const c of pushCollections) {
            (batch.body[c] ?? []).forEach((_, index) => {
              const matching = batch.slots.filter((s) => s.collection === c && s.index === index);
              expect(matching).toHaveLength(1);
              expect(batch.outboxIds).toContain(matching[0].outboxId);
            });
          }
          if (records > maxRecords)
            expect(batch.outboxIds.filter((id) => id.startsWith('o'))).toHaveLength(1);
        }
      }),
    );
  });

  it('parents always come before children', () => {
    fc.assert(
      fc.property(arbItems, ({ items, maxRecords }) => {
        const { batches } = buildPushBatches(items, cfg, { maxRecords });
        const sentPersons = new Set<unknown>();
        for (const batch of batches) {
          const keys = Object.keys(batch.body);
          expect(keys).toEqual(pushCollections.filter((c) => keys.includes(c)));
          const orders = ids(batch, 'Orders', 'OrderClientId');
          const receipts = ids(batch, 'Receipts', 'ReceiptClientId');
          const people = ids(batch, 'People', 'PersonClientId');
          expect(people.size).toBe(batch.body.People?.length ?? 0);
          for (const d of batch.body.OrderDetails ?? []) expect(orders.has(d.OrderClientId)).toBe(true);
          for (const r of batch.body.Receipts ?? []) expect(orders.has(r.OrderClientId)).toBe(true);
          for (const c of batch.body.Cheques ?? []) expect(receipts.has(c.ReceiptClientId)).toBe(true);
          for (const v of batch.body.VisitorPeople ?? []) expect(people.has(v.PersonClientId)).toBe(true);
          people.forEach((p) => sentPersons.add(p));
          // An order naming its customer by ClientId finds them in this or an earlier request
          // whenever the customer's outbox item was part of the lease.
          for (const o of batch.body.Orders ?? []) {
            const inLease = items.some(
              (i) =>
                i.payload.kind === 'person' && personClientId(0, i.payload.personSeq) === o.PersonClientId,
            );
            if (o.PersonClientId !== undefined && inLease)
              expect(sentPersons.has(o.PersonClientId)).toBe(true);
          }
        }
      }),
    );
  });
});
