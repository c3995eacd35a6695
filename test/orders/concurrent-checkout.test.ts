import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView } from '../../core/contracts/orders.js';
import { checkoutBody, pullStock } from './order-fixtures.js';
import {
  bearer,
  errorOf,
  drivers,
  startOrdersTestServer,
  type OrdersTestServer,
} from './orders-test-server.js';

/**
 * The no-oversell proof: 1,000 checkouts fired at once (Promise.all over inject) against four variants
 * with 1-7 units each. Whatever the interleaving, the units sold per variant never exceed the stock,
 * every refusal is 409 ORDER_STOCK_CHANGED, and the database agrees with the answers.
 */
const stock: Record<number, number> = { 10: 3, 30: 7, 50: 1, 11: 4 };
const variants = Object.keys(stock).map(Number);
const requests = 1000;

/** Deterministic (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomLines(next: () => number): { variantId: number; quantity: number }[] {
  const count = next() < 0.7 ? 1 : 2;
  const picked = [...variants].sort(() => next() - 0.5).slice(0, count);
  return picked.map((variantId) => ({ variantId, quantity: next() < 0.75 ? 1 : 2 }));
}

describe.each(drivers)('1,000 concurrent checkouts on %s', (driver) => {
  let t: OrdersTestServer;
  let customers: { token: string; id: string }[];

  beforeAll(async () => {
    t = await startOrdersTestServer({ driver, rateLimitPerMinute: false });
    for (const [variantId, count] of Object.entries(stock))
      await pullStock(t.storage, Number(variantId), count);
    customers = [];
    for (let i = 0; i < 8; i++) customers.push(await t.customer(`0912000000${i}`, 'مشتری', `شماره ${i}`));
  }, 60_000);
  afterAll(() => t.close());

  it('never sells more than the stock', { timeout: 120_000 }, async () => {
    const next = random(driver === 'sqlite' ? 1403 : 1404);
    const bodies = Array.from({ length: requests }, (_, i) => ({
      customer: customers[i % customers.length]!,
      body: checkoutBody(randomLines(next), next() < 0.5 ? 'online' : 'cash_on_delivery'),
    }));
    const responses = await Promise.all(
      bodies.map(({ customer, body }) =>
        t.inject({ method: 'POST', url: '/api/v1/orders', headers: bearer(customer.token), payload: body }),
      ),
    );

    const accepted = responses.filter((r) => r.statusCode === 201).map((r) => r.json<OrderView>());
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(refused.every((r) => r.statusCode === 409 && errorOf(r).code === 'ORDER_STOCK_CHANGED')).toBe(
      true,
    );
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length + refused.length).toBe(requests);

    const sold = new Map<number, number>(variants.map((v) => [v, 0]));
    for (const order of accepted)
      for (const l of order.lines) sold.set(l.variantId, sold.get(l.variantId)! + l.quantity);
    for (const v of variants) expect(sold.get(v)).toBeLessThanOrEqual(stock[v]!);

    // The database holds exactly what was answered: one order, its lines and reservations per 201.
    expect(await t.count('orders')).toBe(accepted.length);
    expect(await t.count('push_outbox', "kind = 'order'")).toBe(accepted.length);
    const reserved = await t.storage.db.query<{ variant_id: number; q: number }>(
      'SELECT variant_id, SUM(quantity) AS q FROM stock_reservations WHERE released_at IS NULL GROUP BY variant_id',
    );
    expect(new Map(reserved.map((r) => [Number(r.variant_id), Number(r.q)]))).toEqual(
      new Map([...sold].filter(([, q]) => q > 0)),
    );
    const seqs = await t.storage.db.query<{ n: number; d: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT order_seq) AS d FROM orders',
    );
    expect(Number(seqs[0]!.d)).toBe(Number(seqs[0]!.n));
    // Each customer who ordered was queued for Mahak once, however many first orders raced.
    const buyers = new Set(
      (await t.storage.db.query<{ customer_id: string }>('SELECT DISTINCT customer_id FROM orders')).map(
        (r) => r.customer_id,
      ),
    );
    expect(await t.count('push_outbox', "kind = 'person'")).toBe(buyers.size);

    // And the count is exact, not merely cautious: what is left can be bought, one more cannot.
    const buyer = customers[0]!;
    for (const v of variants) {
      const left = stock[v]! - sold.get(v)!;
      const tooMany = await t.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: bearer(buyer.token),
        payload: checkoutBody([{ variantId: v, quantity: left + 1 }]),
      });
      expect(errorOf(tooMany)).toMatchObject({
        code: 'ORDER_STOCK_CHANGED',
        details: { problems: [expect.objectContaining({ availableQuantity: left })] },
      });
      if (left === 0) continue;
      const rest = await t.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: bearer(buyer.token),
        payload: checkoutBody([{ variantId: v, quantity: left }]),
      });
      expect(rest.statusCode).toBe(201);
    }
  });
});
