import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterList, DeadLetterView } from '../../core/contracts/admin.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';
import { placeOrder, simCustomer } from './push-env.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A letter's history agrees with its attempt count: the drawer numbers the lines the worker numbered,
 * sends sunk by another item (bystanders, given back) are notes, and a letter written after a staff
 * retry starts at that retry, where the count went back to 0.
 */
describe('the attempt history of a push dead letter', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv({ overrides: { pushMaxAttempts: 2 } });
  }, 120_000);
  afterAll(() => env.close());

  async function untilDead(orderIds: string[]): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await env.app.push.worker.runOnce();
      const rows = await env.app.storage.db.query<{ state: string }>(
        `SELECT state FROM push_outbox WHERE order_id IN (${orderIds.map(() => '?').join(', ')})`,
        orderIds,
      );
      if (rows.length === orderIds.length && rows.every((r) => r.state === 'dead')) return;
      await sleep(50);
    }
    throw new Error(`outbox items of ${orderIds.join(', ')} never all died`);
  }

  async function letterOf(orderId: string): Promise<DeadLetterView> {
    const list = await env.call<DeadLetterList>('GET', '/admin/api/dead-letters');
    return list.body.items.find((l) => (l.payload as { orderId?: string }).orderId === orderId)!;
  }

  const attemptsIn = (l: DeadLetterView) => l.history.flatMap((h) => (h.attempt === null ? [] : [h.attempt]));
  const notesIn = (l: DeadLetterView) => l.history.flatMap((h) => (h.note === null ? [] : [h.note]));

  it('numbers only counted attempts, and starts again at a staff retry', async () => {
    // Mahak refuses every request without naming a record: two orders in one request are bystanders
    // of each other first (not counted), then each fails on its own.
    env.sim.control.addFault({ kind: 'appError', operation: 'SaveAllData' });
    const person = simCustomer(env.sim, 3);
    const first = await placeOrder(env.app.storage, env.goods.slice(0, 1), { personServerId: person });
    const second = await placeOrder(env.app.storage, env.goods.slice(1, 2), { personServerId: person });
    await untilDead([first.orderId, second.orderId]);

    const letter = await letterOf(first.orderId);
    expect(letter.attempts).toBe(2);
    expect(attemptsIn(letter)).toEqual([1, 2]);
    expect(notesIn(letter)).toContain('not_counted');
    expect(letter.history.every((h) => (h.attempt === null) !== (h.note === null))).toBe(true);

    const retried = await env.call('POST', `/admin/api/dead-letters/${letter.id}/retry`);
    expect(retried.status).toBe(200);
    await untilDead([first.orderId]);

    const again = await letterOf(first.orderId);
    expect(again.id).not.toBe(letter.id);
    expect(again.attempts).toBe(2);
    // The staff retry opens the letter; nothing from before it (the bystander notes, attempts 1 and 2).
    expect(again.history[0].note).toBe('staff_retry');
    expect(attemptsIn(again)).toEqual([1, 2]);
    expect(notesIn(again)).toEqual(['staff_retry']);
    env.sim.control.clearFaults();
  }, 180_000);
});
