import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderClientId } from '../../core/domain/client-ids.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { DeadLetterService } from '../../core/push/dead-letter-service.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import type { Queue } from '../../core/queue/queue.js';
import { drain, placeOrder, settle, simCustomer, startPushEnv, type PushEnv } from './push-env.js';

/**
 * Mahak said no (issue 8 follow-up): an order Mahak refused in so many words — an application error,
 * Result:false on the invoice — was not saved. One read-back that does not find its ClientId is enough
 * to send it again; the confirm window (long here, a minute) is for saves Mahak may have made.
 */
describe('an order Mahak refused goes again after one read-back, not after the confirm window', () => {
  let env: PushEnv;
  let sim: MahakSim;
  const windowMs = 60_000;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 40, seed: 1416 });
    env = await startPushEnv({ sim });
    // One failed attempt dead-letters: the attempt stays in doubt until staff retry it.
    Object.assign(env.worker.settings, {
      confirmWindowMs: windowMs,
      failurePolicy: { ...env.worker.settings.failurePolicy, maxAttempts: 1 },
    });
  });
  afterAll(async () => {
    await env.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.control.clearFaults();
    // Nothing may rest on Mahak refusing a repeated ClientId.
    sim.control.updateSettings({ repeatedClientIds: 'accept', refuseOrders: false });
  });

  const inBooks = async (orderSeq: number) => {
    const id = orderClientId((await getGeneration(env.storage.db))!, orderSeq);
    return sim.control.books().Orders.filter((o) => o.OrderClientId === id);
  };
  const outbox = async (orderId: string) =>
    (
      await env.storage.db.query<{ state: string; history: string; attempt_started_at: number | null }>(
        'SELECT state, history, attempt_started_at FROM push_outbox WHERE order_id = ?',
        [orderId],
      )
    )[0];
  const reads = () => sim.control.stats().requests.GetAllData ?? 0;

  const refusals = [
    [
      'an invoice refused on its own record (refuseOrders)',
      () => sim.control.updateSettings({ refuseOrders: true }),
    ],
    [
      'an application error for the whole save (appError)',
      () => sim.control.addFault({ kind: 'appError', operation: 'SaveAllData' }),
    ],
  ] as const;

  it.each(refusals)(
    '%s: the retried dead letter is read back once and sent within seconds',
    async (_, refuse) => {
      refuse();
      const order = await placeOrder(env.storage, env.goods.slice(0, 1), {
        personServerId: simCustomer(sim, 1),
      });
      await settle(env.worker);
      const dead = await outbox(order.orderId);
      expect(dead.state).toBe('dead');
      // The refused attempt is still "in doubt" (never resent without asking Mahak first).
      expect(dead.attempt_started_at).not.toBeNull();
      expect(JSON.parse(dead.history).at(-1)).toMatchObject({ refused: true });
      sim.control.clearFaults();
      sim.control.updateSettings({ refuseOrders: false });

      const [letter] = await env.storage.db.query<{ id: number }>(
        "SELECT id FROM dead_letters WHERE source = 'push' ORDER BY id DESC LIMIT 1",
      );
      const service = new DeadLetterService({
        storage: env.storage,
        // A push letter goes back to the outbox; the queue is not touched.
        queue: {} as Queue,
        logger: createSilentLogger(),
      });
      await service.retry(letter.id, { id: 'staff-1', role: 'admin' });
      const before = reads();
      const started = Date.now();
      await drain(env.worker, env.storage, 15_000);
      expect(Date.now() - started).toBeLessThan(windowMs / 4);
      expect(reads() - before).toBeGreaterThanOrEqual(1);
      expect((await outbox(order.orderId)).state).toBe('sent');
      expect(await inBooks(order.orderSeq)).toHaveLength(1);
    },
  );
});
