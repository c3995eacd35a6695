import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderClientId } from '../../core/domain/client-ids.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import { drain, placeOrder, simCustomer, startPushEnv, type PushEnv } from './push-env.js';

describe('push worker against the simulator (SQLite)', () => {
  let env: PushEnv;
  beforeAll(async () => {
    env = await startPushEnv();
  });
  afterAll(() => env.close());

  it('sends orders with new and known customers exactly once, in dependency order, and records the server ids', async () => {
    const { storage, sim, goods } = env;
    const placed = [
      await placeOrder(storage, goods.slice(0, 2), { newCustomer: true }),
      await placeOrder(storage, goods.slice(2, 3), { personServerId: simCustomer(sim, 1) }),
      await placeOrder(storage, goods.slice(3, 6), { personServerId: simCustomer(sim, 2), paid: false }),
      await placeOrder(storage, goods.slice(1, 2), { newCustomer: true, quantity: 3 }),
    ];
    await drain(env.worker, storage);
    const generation = (await getGeneration(storage.db))!;
    const books = sim.control.books();
    for (const p of placed) {
      const id = orderClientId(generation, p.orderSeq);
      const inMahak = books.Orders.filter((o) => o.OrderClientId === id);
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
    }
    // Paid orders carry a receipt and a cheque; the unpaid one none.
    expect(books.Receipts).toHaveLength(3);
    expect(books.Cheques).toHaveLength(3);
    expect(books.People).toHaveLength(2);
    const states = await storage.db.query<{ state: string }>('SELECT state FROM push_outbox');
    expect(states.every((s) => s.state === 'sent')).toBe(true);
    const runs = await storage.listRuns(10);
    expect(runs.some((r) => r.kind === 'push' && r.status === 'ok')).toBe(true);
  });
});
