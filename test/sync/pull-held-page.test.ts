import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { DeadLetterService } from '../../core/push/dead-letter-service.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { DeadLetterSink, Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { PullPage, Storage } from '../../core/store/storage.js';
import { storeDeadLetterSink } from '../../core/sync/queue-dead-letters.js';
import { SyncEngine } from '../../core/sync/sync-engine.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';
import { acquireBrokerLock } from '../queue/broker-lock.js';
import { waitFor } from '../queue/queue-contract.js';
import { deleteNamespaceQueues } from '../support/rabbit-cleanup.js';
import { amqpUrl, createTestPgDatabase, hasPostgres, hasRabbitMq } from '../support/services.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';

/**
 * Issue 8, pull 3: a page that fails (and is parked, then dead-lettered) is never overtaken. The
 * entity's checkpoint stays behind it while later pages apply; staff retrying or discarding the
 * letter lets it move on. The fetcher's wait for room gives up with a clear error, and with RabbitMQ
 * the letter reaches the desk even when the first attempts to store it fail.
 */
interface Rig {
  sim: MahakSim;
  storage: Storage;
  queue: Queue;
  engine: SyncEngine;
  /** While on, the consumer refuses the second Products page of a run (a database that rejects it). */
  failing: { on: boolean };
  close(): Promise<void>;
}

const stacks = [
  { name: 'SQLite + local queue', skip: false, pg: false },
  { name: 'PostgreSQL + RabbitMQ', skip: !hasPostgres || !hasRabbitMq, pg: true },
];

async function rig(pg: boolean, sinkFailures = 0): Promise<Rig> {
  const cleanups: (() => Promise<void>)[] = [];
  const logger = createSilentLogger();
  const sim = await startMahakSim({ port: 0, products: 60, seed: 21 });
  let dbUrl = 'sqlite::memory:';
  if (pg) {
    cleanups.push(await acquireBrokerLock());
    const db = await createTestPgDatabase();
    cleanups.push(db.drop);
    dbUrl = db.url;
  }
  const real = createStorage(dbUrl, logger);
  await real.init();
  const failing = { on: false };
  const firstProductsPage = new Map<string, number>();
  // The consumer's storage: refuses a chosen page, as a database refusing a write would.
  const storage = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'applyPullPage') {
        return async (page: PullPage, options?: { quarantineInvalid?: boolean }) => {
          if (page.entity === 'Products' && page.prevSeq === -1) firstProductsPage.set(page.runId, page.seq);
          const second = page.entity === 'Products' && page.prevSeq === firstProductsPage.get(page.runId);
          if (failing.on && second) throw new Error('disk full');
          return target.applyPullPage(page, options);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  let failures = sinkFailures;
  const sink = storeDeadLetterSink(real);
  const flakySink: DeadLetterSink = async (letter) => {
    if (failures-- > 0) throw new Error('database briefly unavailable');
    await sink(letter);
  };
  const namespace = `hamgam-held-${process.pid}-${Date.now().toString(36)}`;
  if (pg) cleanups.push(() => deleteNamespaceQueues(namespace));
  const queue = createQueue(pg ? amqpUrl : 'local', {
    db: real.db,
    logger,
    deadLetters: flakySink,
    namespace,
  });
  await queue.init();
  const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
  const engine = new SyncEngine({
    storage,
    queue,
    source: client,
    logger,
    metrics: noopSyncMetrics,
    options: {
      pageSize: 10,
      overlap: 0,
      applyTimeoutMs: 60_000,
      consumerRetry: { maxAttempts: 2, retryBaseMs: 50 },
    },
  });
  return {
    sim,
    storage: real,
    queue,
    engine,
    failing,
    close: async () => {
      await engine.stop();
      await queue.close();
      await real.close();
      await sim.close();
      for (const c of cleanups.reverse()) await c();
    },
  };
}

const productsCheckpoint = async (s: Storage) => (await s.getCheckpoints()).Products ?? 0;
const maxProductRv = (sim: MahakSim) =>
  Math.max(...sim.control.snapshot('Products').map((p) => Number(p.RowVersion)));

describe.each(stacks)('a failed pulled page on $name', ({ skip, pg }) => {
  let r: Rig | undefined;
  let releaseBroker: (() => Promise<void>) | undefined;
  // Held for the whole file, not taken per test: while a broker-restart file holds the lock
  // exclusively (minutes, under load), a test waiting for it inside its own timeout failed at 240 s.
  // rig() takes it again, re-entrantly, at once.
  beforeAll(async () => {
    if (pg && !skip) releaseBroker = await acquireBrokerLock();
  }, 16 * 60_000);
  afterAll(async () => releaseBroker?.());
  afterEach(async () => {
    await r?.close();
    r = undefined;
  }, 60_000);

  it.skipIf(skip)(
    'holds the checkpoint behind it while later pages apply, until staff discard it',
    async () => {
      r = await rig(pg);
      await r.engine.start();
      r.failing.on = true;
      const error = await r.engine.pullNow().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PULL_PAGES_HELD' });
      const letters = await r.storage.listDeadLetters();
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ source: 'queue', kind: 'pull.pages' });
      // Later pages were applied (their rows are in the store) but the checkpoint did not pass the hole.
      const held = await productsCheckpoint(r.storage);
      const page = letters[0].payload as { checkpoint: number; records: { RowVersion: number }[] };
      expect(held).toBeLessThan(page.records[0].RowVersion);
      const [{ n }] = await r.storage.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM products');
      expect(Number(n)).toBeGreaterThan(20);
      // Staff discard the letter: the checkpoint runs on over the pages applied behind it.
      const desk = new DeadLetterService({
        storage: r.storage,
        queue: r.queue,
        logger: createSilentLogger(),
      });
      await desk.discard(letters[0].id, { id: 'staff-1' } as never);
      expect(await productsCheckpoint(r.storage)).toBe(maxProductRv(r.sim));
    },
    240_000,
  );

  it.skipIf(skip)(
    'lets a retried page through: the rows arrive and the checkpoint moves',
    async () => {
      r = await rig(pg, pg ? 2 : 0);
      await r.engine.start();
      r.failing.on = true;
      await expect(r.engine.pullNow()).rejects.toMatchObject({ code: 'PULL_PAGES_HELD' });
      // With RabbitMQ the first two attempts to store the letter failed; it reached the desk anyway.
      const [letter] = await r.storage.listDeadLetters();
      expect(letter).toBeDefined();
      r.failing.on = false;
      const desk = new DeadLetterService({
        storage: r.storage,
        queue: r.queue,
        logger: createSilentLogger(),
      });
      await desk.retry(letter.id, { id: 'staff-1' } as never);
      const rig_ = r;
      await waitFor(async () => (await productsCheckpoint(rig_.storage)) === maxProductRv(rig_.sim), 20_000);
      expect(diffStates(await simState(r.sim.syncUrl), await storeState(r.storage))).toEqual([]);
    },
    240_000,
  );

  it.skipIf(skip)(
    'the fetcher waiting for room gives up with PULL_STALLED instead of hanging',
    async () => {
      r = await rig(pg);
      // No consumer started: nothing is ever applied.
      const engine = new SyncEngine({
        storage: r.storage,
        queue: r.queue,
        source: new MahakClient({
          baseUrl: r.sim.syncUrl,
          user: 'demo',
          password: 'demo',
          logger: createSilentLogger(),
        }),
        logger: createSilentLogger(),
        metrics: noopSyncMetrics,
        options: { pageSize: 5, overlap: 0, maxPagesInFlight: 2, roomTimeoutMs: 800 },
      });
      const started = Date.now();
      await expect(engine.pullNow()).rejects.toMatchObject({ code: 'PULL_STALLED' });
      expect(Date.now() - started).toBeLessThan(40_000);
      const [run] = await r.storage.listRuns(1);
      expect(run).toMatchObject({ status: 'failed' });
      expect(run.error).toContain('dead letters');
    },
    240_000,
  );
});
