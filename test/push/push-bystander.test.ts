import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drain, placeOrder, startPushEnv, type PushEnv } from './push-env.js';

/**
 * Found by the chaos runner (bench/chaos, SQLite round 1, seed 140302): a new customer's person item
 * leased one round before its order, sent in a request Mahak refused as a whole (it failed as a
 * bystander of another record). Next round the person went alone, to pin any failure on it, and its
 * order went in the shared request, which is sent first: the order named a PersonClientId Mahak did
 * not have yet and became a person_rejected dispute, an order left to staff for nothing.
 */
describe('a new customer sent alone after a refused request', () => {
  let env: PushEnv;
  beforeEach(async () => {
    env = await startPushEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  it('takes its order along, so the order never goes before its customer', async () => {
    // Another order in the round, so the shared request is not empty.
    await placeOrder(env.storage, env.goods.slice(1, 2), { personServerId: 1 });
    const placed = await placeOrder(env.storage, env.goods.slice(0, 1), { newCustomer: true });
    await env.storage.db.run("UPDATE push_outbox SET attempts = 1, history = ? WHERE kind = 'person'", [
      JSON.stringify([
        { at: Date.now() - 5000, outcome: 'bystander', error: 'refused with others', refused: true },
      ]),
    ]);
    await drain(env.worker, env.storage);

    const disputes = await env.storage.db.query('SELECT reason FROM push_disputes');
    expect(disputes).toEqual([]);
    const books = env.sim.control.books();
    expect(books.Orders).toHaveLength(2);
    expect(books.People).toHaveLength(1);
    const [row] = await env.storage.db.query<{ sync_status: string }>(
      'SELECT sync_status FROM orders WHERE id = ?',
      [placed.orderId],
    );
    expect(row.sync_status).toBe('sent');
  });
});
