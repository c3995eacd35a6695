import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderClientId } from '../../core/domain/client-ids.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { restoreMarkerKey } from '../../core/ops/restore-marker.js';
import { raiseClientIdFloor } from '../../core/push/client-id-floor.js';
import { allocateSequence, getGeneration, setGenerationOnce } from '../../core/push/outbox-repo.js';
import { PushWorker } from '../../core/push/push-worker.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';
import {
  drain,
  fastWorkerSettings,
  placeOrder,
  simCustomer,
  startPushEnv,
  type PushEnv,
} from './push-env.js';

/**
 * Issue 8, item 9: a database restored from an old backup (or one a power cut set back) must not hand
 * out an order or person sequence Mahak already holds under its ClientId generation.
 */
describe('the ClientId floor after a restore', () => {
  let env: PushEnv;
  let sim: MahakSim;
  let restored: Storage;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 40, seed: 1411 });
    env = await startPushEnv({ sim });
    sim.control.updateSettings({ repeatedClientIds: 'accept' });
  });
  afterAll(async () => {
    await restored?.close();
    await env.close();
    await sim.close();
  });

  /** The store as an old backup had it: same generation, sequences from before the last orders. */
  async function restoreOldBackup(): Promise<Storage> {
    const storage = createStorage('sqlite::memory:', createSilentLogger());
    await storage.init();
    await setGenerationOnce(storage.db, (await getGeneration(env.storage.db))!);
    await storage.db.run("UPDATE push_sequences SET value = 1 WHERE name = 'order'");
    return storage;
  }

  it('raiseClientIdFloor moves the sequences past every ClientId Mahak holds, and only up', async () => {
    for (let i = 0; i < 3; i++)
      await placeOrder(env.storage, env.goods.slice(i, i + 1), {
        newCustomer: i === 0,
        personServerId: simCustomer(sim, i),
      });
    await drain(env.worker, env.storage);
    restored = await restoreOldBackup();
    const floor = await raiseClientIdFloor(restored.db, env.mahak, {
      pageSize: 50,
      logger: createSilentLogger(),
    });
    expect(floor).toMatchObject({
      seen: { order: 3, person: 1 },
      now: { order: 3, person: 1 },
      raised: true,
    });
    expect(await restored.db.transaction((tx) => allocateSequence(tx, 'order'))).toBe(4);
    // Never down: a second check leaves a sequence that is ahead of Mahak alone.
    const again = await raiseClientIdFloor(restored.db, env.mahak, {
      pageSize: 50,
      logger: createSilentLogger(),
    });
    expect(again).toMatchObject({ now: { order: 4, person: 1 }, raised: false });
  });

  it('a worker checks the floor before its first send, so an order placed after it never reuses an old ClientId', async () => {
    const storage = await restoreOldBackup();
    // As `hamgam restore` leaves it (core/ops/restore-marker.ts); the floor check clears it.
    await storage.db.run("INSERT INTO push_settings (key, value, updated_at) VALUES (?, '{}', 0)", [
      restoreMarkerKey,
    ]);
    try {
      const worker = new PushWorker({
        storage,
        mahak: env.mahak,
        config: env.config,
        logger: createSilentLogger(),
        metrics: noopSyncMetrics,
        instanceId: 'after-restore',
        settings: fastWorkerSettings,
      });
      await worker.checkClientIdFloor();
      const order = await placeOrder(storage, env.goods.slice(4, 5), { personServerId: simCustomer(sim, 5) });
      expect(order.orderSeq).toBe(4);
      await drain(worker, storage);
      const generation = (await getGeneration(storage.db))!;
      expect(
        sim.control.books().Orders.filter((o) => o.OrderClientId === orderClientId(generation, 4)),
      ).toHaveLength(1);
      const [row] = await storage.db.query<{ sync_status: string }>(
        'SELECT sync_status FROM orders WHERE id = ?',
        [order.orderId],
      );
      expect(row.sync_status).toBe('sent');
      expect(
        await storage.db.query('SELECT key FROM push_settings WHERE key = ?', [restoreMarkerKey]),
      ).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
