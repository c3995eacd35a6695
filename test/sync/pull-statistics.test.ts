import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { statisticsRefreshRecords } from '../../core/sync/pull-run.js';
import { storeDeadLetterSink } from '../../core/sync/queue-dead-letters.js';
import { SyncEngine } from '../../core/sync/sync-engine.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

/**
 * A large pull leaves PostgreSQL's planner statistics current (found by the chaos runner: right after
 * a first pull, before autovacuum got round to the new rows, each checkout's storefront refresh took
 * 5 s instead of 55 ms). A small pull does not pay for an ANALYZE.
 */
describe.skipIf(!hasPostgres)('planner statistics after a pull (postgres)', () => {
  let sim: MahakSim | undefined;
  let storage: Storage | undefined;
  let queue: Queue | undefined;
  let engine: SyncEngine | undefined;
  let drop: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await engine?.stop();
    await queue?.close();
    await storage?.close();
    await sim?.close();
    await drop?.();
  });

  async function pullOnce(products: number): Promise<number> {
    sim = await startMahakSim({ port: 0, products, seed: 21 });
    const pg = await createTestPgDatabase();
    drop = pg.drop;
    const logger = createSilentLogger();
    storage = createStorage(pg.url, logger);
    await storage.init();
    queue = createQueue('local', { db: storage.db, logger, deadLetters: storeDeadLetterSink(storage) });
    await queue.init();
    const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
    engine = new SyncEngine({
      storage,
      queue,
      source: client,
      logger,
      metrics: noopSyncMetrics,
      options: { pageSize: 1000, overlap: 0, windowMs: 0 },
    });
    await engine.start();
    const run = await engine.pullNow();
    expect(run.status).toBe('ok');
    return Object.values(run.stats.records as Record<string, number>).reduce((a, b) => a + b, 0);
  }

  /** Manual ANALYZEs of the products table so far (pg_stat counts them apart from autovacuum's). */
  async function analysed(): Promise<number> {
    const rows = await storage!.db.query<{ n: string }>(
      "SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relname = 'products'",
    );
    return Number(rows[0]?.n ?? 0);
  }

  it('analyses after a pull of more than the threshold', async () => {
    const records = await pullOnce(1200);
    expect(records).toBeGreaterThanOrEqual(statisticsRefreshRecords);
    // The statistics collector reports a finished ANALYZE within a moment.
    await expect.poll(analysed, { timeout: 10_000, interval: 200 }).toBeGreaterThan(0);
  }, 120_000);

  it('does not analyse after a small pull', async () => {
    const records = await pullOnce(60);
    expect(records).toBeLessThan(statisticsRefreshRecords);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await analysed()).toBe(0);
  }, 120_000);
});
