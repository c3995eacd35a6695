import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { PullPage, Storage } from '../../core/store/storage.js';
import { pullPagesTopic } from '../../core/sync/pull-page-message.js';
import { SettledPages } from '../../core/sync/pull-settled-pages.js';
import { storeDeadLetterSink } from '../../core/sync/queue-dead-letters.js';
import { SyncEngine } from '../../core/sync/sync-engine.js';
import { SyncEvents } from '../../core/sync/sync-events.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';

/**
 * With the local queue and its consumer in this process, pulled pages go straight to the applier
 * (pull-page-handoff.ts): each ~1 MB page used to be written to queue_messages, rewritten by the
 * claim and deleted, three commits. A page that fails still reaches the queue for its retries.
 */
describe('pulled pages handed over in the process (SQLite + local queue)', () => {
  let sim: MahakSim | undefined;
  let storage: Storage | undefined;
  let queue: Queue | undefined;
  let engine: SyncEngine | undefined;

  afterEach(async () => {
    await engine?.stop();
    await queue?.close();
    await storage?.close();
    await sim?.close();
  });

  async function rig(failSeq?: number): Promise<{ published: PullPage[] }> {
    sim = await startMahakSim({ port: 0, products: 60, seed: 21 });
    const logger = createSilentLogger();
    const real = createStorage('sqlite::memory:', logger);
    storage = real;
    await real.init();
    const published: PullPage[] = [];
    const local = createQueue('local', { db: real.db, logger, deadLetters: storeDeadLetterSink(real) });
    queue = new Proxy(local, {
      get(target, prop, receiver) {
        if (prop !== 'publish') return Reflect.get(target, prop, receiver) as unknown;
        return async (topic: string, message: unknown) => {
          if (topic === pullPagesTopic) published.push(message as PullPage);
          await target.publish(topic, message);
        };
      },
    });
    await queue.init();
    let failed = false;
    // The applier's storage refuses one page once, as a database briefly refusing a write would.
    const flaky = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop !== 'applyPullPage') return Reflect.get(target, prop, receiver) as unknown;
        return async (page: PullPage, options?: { quarantineInvalid?: boolean }) => {
          if (page.seq === failSeq && !failed) {
            failed = true;
            throw new Error('database is locked');
          }
          return target.applyPullPage(page, options);
        };
      },
    });
    const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
    engine = new SyncEngine({
      storage: flaky,
      queue,
      source: client,
      logger,
      metrics: noopSyncMetrics,
      options: { pageSize: 10, overlap: 0, consumerRetry: { maxAttempts: 3, retryBaseMs: 20 } },
    });
    await engine.start();
    return { published };
  }

  it('applies every page without writing it to the queue', async () => {
    const { published } = await rig();
    const run = await engine!.pullNow();
    expect(run.status).toBe('ok');
    expect(run.stats.pages).toBeGreaterThan(20);
    expect(published).toHaveLength(0);
    expect(diffStates(await simState(sim!.syncUrl), await storeState(storage!))).toEqual([]);
  }, 60_000);

  it('sends a page that failed to apply through the queue, which retries it', async () => {
    const { published } = await rig(3);
    const run = await engine!.pullNow();
    expect(run.status).toBe('ok');
    expect(published.map((p) => p.seq)).toEqual([3]);
    expect(diffStates(await simState(sim!.syncUrl), await storeState(storage!))).toEqual([]);
    const checkpoints = await storage!.getCheckpoints();
    expect(checkpoints.Products).toBe(
      Math.max(...sim!.control.snapshot('Products').map((p) => Number(p.RowVersion))),
    );
  }, 60_000);
});

describe('SettledPages', () => {
  it('counts pages reported in this process without asking the database', async () => {
    let asked = 0;
    const events = new SyncEvents();
    const settled = new SettledPages(
      {
        countAppliedPages: async () => {
          asked++;
          return 0;
        },
      },
      events,
      'run-1',
    );
    for (let seq = 0; seq < 50; seq++) {
      const next = settled.next(10_000);
      events.emit({ type: 'page-applied', runId: 'run-1', entity: 'Products', changed: 1, seq });
      // A replayed page and another run's page do not count.
      events.emit({ type: 'page-applied', runId: 'run-1', entity: 'Products', changed: 0, seq });
      events.emit({ type: 'page-applied', runId: 'run-2', entity: 'Products', changed: 1, seq: 99 });
      expect(await next).toBe(seq + 1);
    }
    expect(asked).toBe(0);
    settled.close();
  });

  it('asks the database after a wait with no report (a consumer in another process)', async () => {
    const settled = new SettledPages({ countAppliedPages: async () => 7 }, new SyncEvents(), 'run-1');
    expect(await settled.next(5)).toBe(7);
    settled.close();
  });
});
