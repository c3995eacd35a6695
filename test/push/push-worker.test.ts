import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderClientId } from '../../core/domain/client-ids.js';
import { buildPushBatches } from '../../core/domain/order-mapping-batch.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { drain, placeOrder, simCustomer, startPushEnv, type PushEnv } from './push-env.js';
import { mappingConfigFrom } from '../../core/push/push-settings.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';

const drivers = [
  { name: 'sqlite', open: async () => ({ url: 'sqlite::memory:', drop: async () => {} }) },
  ...(hasPostgres ? [{ name: 'postgres', open: createTestPgDatabase }] : []),
];

describe.each(drivers)('push worker against the simulator ($name)', (driver) => {
  let env: PushEnv;
  let sim: MahakSim;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 40, seed: 1404 });
    const db = await driver.open();
    drop = db.drop;
    env = await startPushEnv({ dbUrl: db.url, sim });
  });
  afterAll(async () => {
    await env.close();
    await sim.close();
    await drop();
  });
  beforeEach(() => sim.control.clearFaults());

  const generation = async () => (await getGeneration(env.storage.db))!;
  const inBooks = async (orderSeq: number) => {
    const id = orderClientId(await generation(), orderSeq);
    return sim.control.books().Orders.filter((o) => o.OrderClientId === id);
  };
  const saves = () => sim.control.stats().requests.SaveAllData ?? 0;

  it('sends orders with new and known customers exactly once, in dependency order, and records the server ids', async () => {
    const { storage, goods } = env;
    const now = Date.now();
    await storage.db.run(
      'INSERT INTO customer_accounts (id, mobile, first_name, last_name, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['acct-zahra', '09121112233', 'زهرا', 'کاظمی', 'زهرا کاظمی', now, now],
    );
    const placed = [
      await placeOrder(storage, goods.slice(0, 2), { newCustomer: true, customerId: 'acct-zahra' }),
      await placeOrder(storage, goods.slice(2, 3), { personServerId: simCustomer(sim, 1) }),
      await placeOrder(storage, goods.slice(3, 6), { personServerId: simCustomer(sim, 2), paid: false }),
      await placeOrder(storage, goods.slice(1, 2), { newCustomer: true, quantity: 3 }),
    ];
    await drain(env.worker, storage);
    const books = sim.control.books();
    for (const p of placed) {
      const inMahak = await inBooks(p.orderSeq);
      expect(inMahak).toHaveLength(1);
      const lines = books.OrderDetails.filter((d) => d.OrderId === inMahak[0].OrderId);
      expect(lines.map((l) => l.ProductDetailId).sort()).toEqual(p.lines.map((l) => l.variantId).sort());
      const [order] = await storage.db.query<{ sync_status: string; mahak_order_id: number }>(
        'SELECT sync_status, mahak_order_id FROM orders WHERE id = ?',
        [p.orderId],
      );
      expect(order).toEqual({ sync_status: 'sent', mahak_order_id: inMahak[0].OrderId });
      const reservations = await storage.db.query<{ reflect_after_rv: number | null }>(
        'SELECT reflect_after_rv FROM stock_reservations WHERE order_id = ?',
        [p.orderId],
      );
      expect(reservations.every((r) => Number(r.reflect_after_rv) > 0)).toBe(true);
      // The customer's order references the person we created in the same request.
      if (p.customer.personSeq !== null) {
        expect(books.People.map((x) => x.PersonId)).toContain(inMahak[0].PersonId);
      }
    }
    expect(books.Receipts).toHaveLength(3);
    expect(books.Cheques).toHaveLength(3);
    expect(books.People).toHaveLength(2);
    expect(books.VisitorPeople).toHaveLength(2);
    // The new customer's account now knows its Mahak person.
    const [account] = await storage.db.query<{ person_client_id: number; mahak_person_id: number }>(
      "SELECT person_client_id, mahak_person_id FROM customer_accounts WHERE id = 'acct-zahra'",
    );
    const zahra = books.People.find((x) => x.PersonClientId === account.person_client_id);
    expect(zahra?.PersonId).toBe(account.mahak_person_id);
    const states = await storage.db.query<{ state: string }>('SELECT state FROM push_outbox');
    expect(states.every((s) => s.state === 'sent')).toBe(true);
    const runs = await storage.listRuns(10);
    expect(runs.some((r) => r.kind === 'push' && r.status === 'ok')).toBe(true);
  });

  it('an attempt that reached Mahak but was never recorded (crash) is read back, not sent again', async () => {
    const order = await placeOrder(env.storage, env.goods.slice(0, 1), {
      personServerId: simCustomer(sim, 3),
    });
    // The "crashed" worker: it stamped the attempt, the request went through, then the process died.
    const session = await env.mahak.session();
    const cfg = mappingConfigFrom(env.config, {
      visitorId: session.visitorId,
      storeId: 1,
      generation: await generation(),
      personGroupId: 1,
      // The simulator's first bank (lowest code): what the worker chooses by default.
      bankId: 1,
    });
    const [row] = await env.storage.db.query<{ id: string }>(
      'SELECT id FROM push_outbox WHERE order_id = ?',
      [order.orderId],
    );
    await env.storage.db.run(
      'UPDATE push_outbox SET attempts = 1, attempt_started_at = ?, readback_from = 0 WHERE id = ?',
      [Date.now(), row.id],
    );
    const { batches } = buildPushBatches([{ outboxId: row.id, payload: order }], cfg, { maxRecords: 100 });
    expect((await env.mahak.saveAllData(batches[0].body)).ok).toBe(true);
    const before = saves();
    await drain(env.worker, env.storage);
    expect(saves()).toBe(before);
    const inMahak = await inBooks(order.orderSeq);
    expect(inMahak).toHaveLength(1);
    const [sent] = await env.storage.db.query<{ state: string; server_id: number; history: string }>(
      'SELECT state, server_id, history FROM push_outbox WHERE id = ?',
      [row.id],
    );
    expect(sent).toMatchObject({ state: 'sent', server_id: inMahak[0].OrderId });
    expect(JSON.parse(sent.history).at(-1).outcome).toBe('in_doubt:posted');
  });

  it('a phantom save (Result true, nothing stored) is never sent again: staff get a "saved but not visible" dispute', async () => {
    sim.control.addFault({ kind: 'phantomSave', operation: 'SaveAllData', times: 1 });
    const order = await placeOrder(env.storage, env.goods.slice(1, 3), {
      personServerId: simCustomer(sim, 4),
    });
    const before = saves();
    await drain(env.worker, env.storage);
    expect(sim.control.stats().phantomSaves).toBeGreaterThan(0);
    expect(saves() - before).toBe(1);
    expect(await inBooks(order.orderSeq)).toHaveLength(0);
    const [row] = await env.storage.db.query<{ state: string; history: string }>(
      'SELECT state, history FROM push_outbox WHERE order_id = ?',
      [order.orderId],
    );
    expect(row.state).toBe('disputed');
    expect(JSON.parse(row.history).map((h: { outcome: string }) => h.outcome)).toContain('sent:not_visible');
    const disputes = await env.storage.db.query<{ reason: string }>(
      'SELECT reason FROM push_disputes WHERE order_id = ?',
      [order.orderId],
    );
    expect(disputes.map((d) => d.reason)).toEqual(['saved_not_visible']);
  });

  it('a lost answer (Mahak stored it, then timed out) is settled by the read-back: already registered, one invoice', async () => {
    sim.control.addFault({ kind: 'timeout', operation: 'SaveAllData', phase: 'after', times: 2 });
    const order = await placeOrder(env.storage, env.goods.slice(3, 4), {
      personServerId: simCustomer(sim, 5),
    });
    await drain(env.worker, env.storage);
    expect(await inBooks(order.orderSeq)).toHaveLength(1);
    const [row] = await env.storage.db.query<{ state: string; history: string }>(
      'SELECT state, history FROM push_outbox WHERE order_id = ?',
      [order.orderId],
    );
    expect(row.state).toBe('sent');
    expect(JSON.parse(row.history).map((h: { outcome: string }) => h.outcome)).toContain('transport');
  });

  it("leaves rows leased by a live worker alone and takes over a crashed worker's rows when the lease runs out", async () => {
    const order = await placeOrder(env.storage, env.goods.slice(4, 5), {
      personServerId: simCustomer(sim, 6),
    });
    await env.storage.db.run(
      "UPDATE push_outbox SET lease_owner = 'crashed', lease_until = ? WHERE order_id = ?",
      [Date.now() + 60_000, order.orderId],
    );
    expect(await env.worker.runOnce()).toBeUndefined();
    expect(await inBooks(order.orderSeq)).toHaveLength(0);
    await env.storage.db.run('UPDATE push_outbox SET lease_until = ? WHERE order_id = ?', [
      Date.now() - 1,
      order.orderId,
    ]);
    await drain(env.worker, env.storage);
    expect(await inBooks(order.orderSeq)).toHaveLength(1);
  });

  it('one pusher per database: a second worker finds the lock taken and does nothing', async () => {
    await placeOrder(env.storage, env.goods.slice(5, 6), { personServerId: simCustomer(sim, 7) });
    expect(await env.storage.tryAcquireLock('push', 'someone-else', 5_000)).toBe(true);
    try {
      expect(await env.worker.runOnce()).toBeUndefined();
    } finally {
      await env.storage.releaseLock('push', 'someone-else');
    }
    const run = await env.worker.runOnce();
    expect(run?.status).toBe('ok');
  });
});
