import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderClientId, personClientId } from '../../core/domain/client-ids.js';
import { buildPushBatches } from '../../core/domain/order-mapping-batch.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import { mappingConfigFrom } from '../../core/push/push-settings.js';
import { DisputeService } from '../../core/push/dispute-service.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { drain, placeOrder, simCustomer, startPushEnv, type PushEnv } from './push-env.js';

/**
 * Issue 8, item 7: the payment is part of the order, and a new customer is settled by read-back like
 * an order. The simulator accepts repeated ClientIds as new rows here, so a resend would show.
 */
describe('payments and new customers are confirmed by read-back (repeated ClientIds accepted)', () => {
  let env: PushEnv;
  let sim: MahakSim;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 40, seed: 1410 });
    env = await startPushEnv({ sim });
  });
  afterAll(async () => {
    await env.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.control.clearFaults();
    sim.control.updateSettings({ repeatedClientIds: 'accept', atomicSave: true, refusePayments: false });
  });

  const generation = async () => (await getGeneration(env.storage.db))!;
  let generation_ = 0;
  const booksOf = async (orderSeq: number) => {
    const books = sim.control.books();
    const mine = books.Orders.filter((o) => o.OrderClientId === orderClientId(generation_, orderSeq));
    const ids = new Set(mine.map((o) => o.OrderId));
    const receipts = books.Receipts.filter((r) => ids.has(r.OrderId as number));
    const receiptIds = new Set(receipts.map((r) => r.ReceiptId));
    return {
      orders: mine,
      receipts,
      cheques: books.Cheques.filter((c) => receiptIds.has(c.ReceiptId as number)),
    };
  };
  const stateOf = async (orderId: string) => {
    const [row] = await env.storage.db.query<{
      state: string;
      history: string;
      posted_order_id: number | null;
    }>('SELECT state, history, posted_order_id FROM push_outbox WHERE order_id = ?', [orderId]);
    const [order] = await env.storage.db.query<{ sync_status: string }>(
      'SELECT sync_status FROM orders WHERE id = ?',
      [orderId],
    );
    return {
      ...row,
      sync: order.sync_status,
      outcomes: (JSON.parse(row.history) as { outcome: string }[]).map((h) => h.outcome),
    };
  };

  it('a partial save (invoice kept, payment refused) is never "sent" and never resends the invoice: staff resend sends the payment alone', async () => {
    sim.control.updateSettings({ atomicSave: false, refusePayments: true });
    const order = await placeOrder(env.storage, env.goods.slice(0, 2), {
      personServerId: simCustomer(sim, 1),
    });
    await env.worker.runOnce();
    generation_ = await generation();
    let books = await booksOf(order.orderSeq);
    expect(books.orders).toHaveLength(1);
    expect(books.receipts).toHaveLength(0);
    const before = await stateOf(order.orderId);
    expect(before.state).toBe('disputed');
    expect(before.sync).toBe('disputed');
    const [dispute] = await env.storage.db.query<{ id: string; mahak_errors: string }>(
      "SELECT id, mahak_errors FROM push_disputes WHERE order_id = ? AND status = 'open'",
      [order.orderId],
    );
    expect(dispute.mahak_errors).toContain('CashAmount');

    sim.control.updateSettings({ refusePayments: false });
    const service = new DisputeService({
      storage: env.storage,
      config: env.config,
      logger: createSilentLogger(),
    });
    await service.resolve(dispute.id, { resolution: 'resend' }, { id: 'staff-1', role: 'admin' });
    await drain(env.worker, env.storage);
    books = await booksOf(order.orderSeq);
    expect(books.orders).toHaveLength(1);
    expect(books.receipts).toHaveLength(1);
    expect(books.cheques).toHaveLength(1);
    expect(books.cheques[0].Amount).toBe(order.payment.amount);
    const after = await stateOf(order.orderId);
    expect(after).toMatchObject({ state: 'sent', sync: 'sent', posted_order_id: books.orders[0].OrderId });
    expect(after.outcomes).toContain('payment_only');
  });

  it('an unpaid order needs no payment to be sent', async () => {
    const order = await placeOrder(env.storage, env.goods.slice(2, 3), {
      personServerId: simCustomer(sim, 2),
      paid: false,
    });
    generation_ = await generation();
    await drain(env.worker, env.storage);
    expect((await stateOf(order.orderId)).sync).toBe('sent');
    expect((await booksOf(order.orderSeq)).receipts).toHaveLength(0);
  });

  it('a new customer whose save was never recorded (crash) is read back, not sent again: one person', async () => {
    const order = await placeOrder(env.storage, env.goods.slice(3, 4), { newCustomer: true });
    generation_ = await generation();
    const [row] = await env.storage.db.query<{ id: string; payload: string }>(
      "SELECT id, payload FROM push_outbox WHERE kind = 'person' AND state = 'ready' ORDER BY created_at DESC LIMIT 1",
    );
    const person = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    // The crashed worker stamped the attempt and its request went through.
    const clientId = personClientId(generation_, person.personSeq as number);
    await env.storage.db.run(
      'UPDATE push_outbox SET attempts = 1, attempt_started_at = ?, readback_from = 0, client_id = ? WHERE id = ?',
      [Date.now() - 60_000, clientId, row.id],
    );
    const session = await env.mahak.session();
    const cfg = mappingConfigFrom(env.config, {
      visitorId: session.visitorId,
      storeId: 1,
      generation: generation_,
      personGroupId: 1,
      // The simulator's first bank (lowest code): what the worker chooses by default.
      bankId: 1,
    });
    const { batches } = buildPushBatches([{ outboxId: row.id, payload: person }], cfg, { maxRecords: 100 });
    expect((await env.mahak.saveAllData(batches[0].body)).ok).toBe(true);

    await drain(env.worker, env.storage);
    const people = sim.control.books().People.filter((p) => p.PersonClientId === clientId);
    expect(people).toHaveLength(1);
    const books = await booksOf(order.orderSeq);
    expect(books.orders).toHaveLength(1);
    expect(books.orders[0].PersonId).toBe(people[0].PersonId);
    const [sent] = await env.storage.db.query<{ state: string; server_id: number; history: string }>(
      'SELECT state, server_id, history FROM push_outbox WHERE id = ?',
      [row.id],
    );
    expect(sent).toMatchObject({ state: 'sent', server_id: people[0].PersonId });
    expect(JSON.parse(sent.history).at(-1).outcome).toBe('in_doubt:posted');
  });
});
