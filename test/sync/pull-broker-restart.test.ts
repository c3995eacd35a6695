import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import type { Storage } from '../../core/store/storage.js';
import type { SyncEngine } from '../../core/sync/sync-engine.js';
import { acquireBrokerLock } from '../queue/broker-lock.js';
import { deleteNamespaceQueues } from '../support/rabbit-cleanup.js';
import { amqpUrl, createTestPgDatabase, hasPostgres, hasRabbitMq } from '../support/services.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';
import { startEngineStack, type EngineStack } from './engine-stack.js';

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
  let stack: EngineStack | undefined;
  let storage: Storage;
  let engine: SyncEngine;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    cleanups.push(await acquireBrokerLock({ exclusive: true }));
    sim = await startMahakSim({ port: 0, products: 1500, seed: 17 });
    const db = await createTestPgDatabase();
    cleanups.push(db.drop);
    const namespace = `hamgam-restart-pull-${process.pid}`;
    cleanups.push(() => deleteNamespaceQueues(namespace));
    stack = await startEngineStack({
      syncUrl: sim.syncUrl,
      dbUrl: db.url,
      queueUrl: amqpUrl,
      namespace,
      engine: { pageSize: 25, overlap: 1000, applyTimeoutMs: 120_000 },
    });
    ({ storage, engine } = stack);
    // The exclusive broker lock waits until every other RabbitMQ file is done.
  }, 900_000);

  afterAll(async () => {
    await rabbitmqctl('start_app').catch(() => undefined);
    await stack?.close();
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
