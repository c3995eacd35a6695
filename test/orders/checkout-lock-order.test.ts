import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutBody, inStock, pullStock } from './order-fixtures.js';
import { bearer, drivers, startOrdersTestServer, type OrdersTestServer } from './orders-test-server.js';

/**
 * A checkout takes up to three counter rows of push_sequences (order, person, outbox). A new
 * customer's first order takes person and outbox as well as order; a returning customer's takes order
 * and outbox. If the two took them in different orders, PostgreSQL would find a deadlock and refuse
 * one of the checkouts with a 500 (it did once in CI, under the 1,000-checkout race). Here many of
 * both kinds race at once on variants with stock to spare, a few rounds over: every one must be
 * placed.
 */
const returning = 8;
const rounds = 2;

describe.each(drivers)('first and returning orders racing on %s', (driver) => {
  let t: OrdersTestServer;
  let regulars: { token: string }[];
  let mobiles = 0;
  const newCustomer = () => t.customer(`0935${String(++mobiles).padStart(7, '0')}`, 'مریم', 'کاظمی');

  beforeAll(async () => {
    t = await startOrdersTestServer({ driver, rateLimitPerMinute: false });
    for (const variantId of Object.values(inStock)) await pullStock(t.storage, variantId, 100_000);
    regulars = [];
    for (let i = 0; i < returning; i++) regulars.push(await newCustomer());
    // Each has ordered once: its person already waits in the outbox.
    for (const r of regulars) expect((await order(r.token, inStock.a)).statusCode).toBe(201);
  }, 120_000);
  afterAll(() => t.close());

  const order = (token: string, variantId: number) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer(token),
      payload: checkoutBody([{ variantId, quantity: 1 }]),
    });

  it('places every order, none refused for a lock cycle', { timeout: 120_000 }, async () => {
    for (let round = 0; round < rounds; round++) {
      const newcomers = [];
      for (let i = 0; i < returning; i++) newcomers.push(await newCustomer());
      const variants = Object.values(inStock);
      const responses = await Promise.all([
        ...newcomers.map((c, i) => order(c.token, variants[i % variants.length]!)),
        ...regulars.flatMap((r, i) => [
          order(r.token, variants[(i + 1) % variants.length]!),
          order(r.token, variants[(i + 2) % variants.length]!),
        ]),
      ]);
      expect(responses.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    }
    const placed = returning + rounds * returning * 3;
    expect(await t.count('orders')).toBe(placed);
    expect(await t.count('push_outbox', "kind = 'order'")).toBe(placed);
    expect(await t.count('push_outbox', "kind = 'person'")).toBe(returning * (rounds + 1));
  });
});
