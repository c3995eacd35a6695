import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { SyncEngine } from '../../core/sync/sync-engine.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';
import { acquireBrokerLock } from '../queue/broker-lock.js';
import { deleteNamespaceQueues } from '../support/rabbit-cleanup.js';
import { amqpUrl, createTestPgDatabase, hasPostgres, hasRabbitMq } from '../support/services.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';

const run = promisify(execFile);
const ctl = (process.env.HAMGAM_TEST_RABBITMQCTL ?? 'rabbitmqctl').split(' ');
const rabbitmqctl = (command: string) => run(ctl[0], [...ctl.slice(1), command], { timeout: 60_000 });
const canControlBroker =
  hasRabbitMq && spawnSync(ctl[0], [...ctl.slice(1), 'status'], { stdio: 'ignore' }).status === 0;
if (process.env.HAMGAM_REQUIRE_SERVICES === '1' && hasRabbitMq && !canControlBroker) {
  throw new Error('rabbitmqctl cannot control the broker; set HAMGAM_TEST_RABBITMQCTL');
}

/**
 * The broker goes away in the middle of a pull (simulator -> RabbitMQ -> PostgreSQL): the queue
 * driver reconnects by itself, the pull completes, and the store equals the simulator with every
 * page applied once.
 */
describe.skipIf(!hasPostgres || !canControlBroker)('a pull across a RabbitMQ restart', () => {
  let sim: MahakSim;
  let storage: Storage;
  let queue: Queue;
  let engine: SyncEngine;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    cleanups.push(await acquireBrokerLock({ exclusive: true }));
    sim = await startMahakSim({ port: 0, products: 1500, seed: 17 });
    const db = await createTestPgDatabase();
    cleanups.push(db.drop);
    const logger = createSilentLogger();
    storage = createStorage(db.url, logger);
    await storage.init();
    const namespace = `hamgam-restart-pull-${process.pid}`;
    cleanups.push(() => deleteNamespaceQueues(namespace));
    queue = createQueue(amqpUrl, { db: storage.db, logger, deadLetters: async () => undefined, namespace });
    await queue.init();
    const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
    engine = new SyncEngine({
      storage,
      queue,
      source: client,
      logger,
      metrics: noopSyncMetrics,
      options: { pageSize: 25, overlap: 1000, applyTimeoutMs: 120_000 },
    });
    await engine.start();
    // The exclusive broker lock waits until every other RabbitMQ file is done.
  }, 900_000);

  afterAll(async () => {
    await rabbitmqctl('start_app').catch(() => undefined);
    await engine?.stop();
    await queue?.close();
    await storage?.close();
    await sim?.close();
    for (const c of cleanups.reverse()) await c();
  }, 120_000);

  it('reconnects, completes and converges with each page applied once', async () => {
    let restart: Promise<void> | undefined;
    let applied = 0;
    engine.events.on((e) => {
      if (e.type !== 'page-applied' || ++applied !== 10) return;
      restart = (async () => {
        await rabbitmqctl('stop_app');
        await new Promise((r) => setTimeout(r, 2000));
        await rabbitmqctl('start_app');
      })();
    });
    const pull = await engine.pullNow();
    await restart;
    expect(restart).toBeDefined();
    expect(pull.status).toBe('ok');
    const [{ n }] = await storage.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM pull_pages WHERE run_id = ?',
      [pull.id],
    );
    expect(Number(n)).toBe(pull.stats.pages);
    expect(diffStates(await simState(sim.syncUrl), await storeState(storage))).toEqual([]);
  }, 180_000);
});
