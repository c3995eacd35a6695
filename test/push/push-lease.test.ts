import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderClientId } from '../../core/domain/client-ids.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import { PushWorker } from '../../core/push/push-worker.js';
import type { PushMahak } from '../../core/push/push-ports.js';
import type { SaveAllDataRequest } from '../../core/mahak/mahak-client.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import {
  drain,
  fastWorkerSettings,
  placeOrder,
  simCustomer,
  startPushEnv,
  type PushEnv,
} from './push-env.js';

const drivers = [
  { name: 'sqlite', open: async () => ({ url: 'sqlite::memory:', drop: async () => {} }) },
  ...(hasPostgres ? [{ name: 'postgres', open: createTestPgDatabase }] : []),
];

/**
 * Issue 8, item 8: stale workers change nothing. The real Mahak client is wrapped only to let "another
 * worker" act at the moment a request is on its way (a long GC pause, a lease that ran out meanwhile).
 */
describe.each(drivers)('a worker that lost its lease or lock ($name)', (driver) => {
  let env: PushEnv;
  let sim: MahakSim;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 40, seed: 1409 });
    const db = await driver.open();
    drop = db.drop;
    // One order per request (an order of one paid line is four records).
    env = await startPushEnv({ dbUrl: db.url, sim, overrides: { pushBatchSize: 4 } });
  });
  afterAll(async () => {
    await env.close();
    await sim.close();
    await drop();
  });

  const saves = () => sim.control.stats().requests.SaveAllData ?? 0;
  const inBooks = async (orderSeq: number) => {
    const id = orderClientId((await getGeneration(env.storage.db))!, orderSeq);
    return sim.control.books().Orders.filter((o) => o.OrderClientId === id);
  };
  const rowOf = async (orderId: string) =>
    (
      await env.storage.db.query<{
        state: string;
        lease_owner: string | null;
        attempts: number;
        history: string;
      }>('SELECT state, lease_owner, attempts, history FROM push_outbox WHERE order_id = ?', [orderId])
    )[0];

  /**
   * The order the stale worker's one request carried, then the other; fails unless exactly one is in
   * Mahak's books. The outbox leases first-in first-out (migration 020, test/push/outbox-fifo.test.ts);
   * this test asks Mahak which one went rather than relying on that too.
   */
  async function sentFirst<T extends { orderSeq: number }>(a: T, b: T): Promise<[T, T]> {
    const [inA, inB] = [(await inBooks(a.orderSeq)).length, (await inBooks(b.orderSeq)).length];
    expect([inA, inB].sort()).toEqual([0, 1]);
    return inA === 1 ? [a, b] : [b, a];
  }

  /** A worker whose Mahak lets `during` run while its first SaveAllData is under way. */
  function staleWorker(owner: string, during: () => Promise<void>): PushWorker {
    let first = true;
    const mahak: PushMahak = {
      session: () => env.mahak.session(),
      getAllData: (req) => env.mahak.getAllData(req),
      saveAllData: async (req: SaveAllDataRequest) => {
        if (first) {
          first = false;
          await during();
        }
        return env.mahak.saveAllData(req);
      },
    };
    return new PushWorker({
      storage: env.storage,
      mahak,
      config: env.config,
      logger: createSilentLogger(),
      metrics: noopSyncMetrics,
      instanceId: owner,
      settings: fastWorkerSettings,
    });
  }

  it('an answer that comes back after another worker took the row is not recorded, and nothing else is sent', async () => {
    const a = await placeOrder(env.storage, env.goods.slice(0, 1), { personServerId: simCustomer(sim, 1) });
    const b = await placeOrder(env.storage, env.goods.slice(1, 2), { personServerId: simCustomer(sim, 2) });
    const before = saves();
    const worker = staleWorker('slow-worker', async () => {
      // Its lease ran out meanwhile and another worker took both rows.
      await env.storage.db.run(
        "UPDATE push_outbox SET lease_owner = 'other-worker', lease_until = ? WHERE lease_owner = 'slow-worker'",
        [Date.now() + 60_000],
      );
    });
    await expect(worker.runOnce()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(saves() - before).toBe(1); // the other order was never sent by the stale worker
    const [sent, unsent] = await sentFirst(a, b);
    const rowSent = await rowOf(sent.orderId);
    // The stale worker recorded nothing: the other worker's lease and the in-doubt stamp stand.
    expect(rowSent).toMatchObject({ state: 'ready', lease_owner: 'other-worker', history: '[]' });
    const rowUnsent = await rowOf(unsent.orderId);
    expect(rowUnsent).toMatchObject({ state: 'ready', lease_owner: 'other-worker', attempts: 0 });

    // The other worker "crashed": its leases run out, a live worker settles a by read-back, sends b.
    await env.storage.db.run("UPDATE push_outbox SET lease_until = 0 WHERE lease_owner = 'other-worker'");
    await drain(env.worker, env.storage);
    expect(await inBooks(a.orderSeq)).toHaveLength(1);
    expect(await inBooks(b.orderSeq)).toHaveLength(1);
    expect((await rowOf(sent.orderId)).state).toBe('sent');
    expect(JSON.parse((await rowOf(sent.orderId)).history).at(-1).outcome).toBe('in_doubt:posted');
  });

  it('a worker that lost the push lock stops before its next request', async () => {
    const a = await placeOrder(env.storage, env.goods.slice(2, 3), { personServerId: simCustomer(sim, 3) });
    const b = await placeOrder(env.storage, env.goods.slice(3, 4), { personServerId: simCustomer(sim, 4) });
    const before = saves();
    const worker = staleWorker('paused-worker', async () => {
      // Its lock ran out (a long pause) and another pusher took it.
      await env.storage.releaseLock('push', 'paused-worker');
      expect(await env.storage.tryAcquireLock('push', 'new-pusher', 60_000)).toBe(true);
    });
    await expect(worker.runOnce()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(saves() - before).toBe(1);
    const [, unsent] = await sentFirst(a, b);
    expect((await rowOf(unsent.orderId)).attempts).toBe(0);
    await env.storage.releaseLock('push', 'new-pusher');
    await env.storage.db.run("UPDATE push_outbox SET lease_until = 0 WHERE lease_owner = 'paused-worker'");
    await drain(env.worker, env.storage);
    expect(await inBooks(a.orderSeq)).toHaveLength(1);
    expect(await inBooks(b.orderSeq)).toHaveLength(1);
  });
});
