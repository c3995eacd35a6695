import { afterEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { statisticsRefreshRecords } from '../../core/sync/pull-run.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { startEngineStack, type EngineStack } from './engine-stack.js';

/**
 * A large pull leaves PostgreSQL's planner statistics current (found by the chaos runner: right after
 * a first pull, before autovacuum got round to the new rows, each checkout's storefront refresh took
 * 5 s instead of 55 ms). A small pull does not pay for an ANALYZE.
 */
describe.skipIf(!hasPostgres)('planner statistics after a pull (postgres)', () => {
  let sim: MahakSim | undefined;
  let stack: EngineStack | undefined;
  let drop: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stack?.close();
    await sim?.close();
    await drop?.();
  });

  async function pullOnce(products: number): Promise<number> {
    sim = await startMahakSim({ port: 0, products, seed: 21 });
    const pg = await createTestPgDatabase();
    drop = pg.drop;
    stack = await startEngineStack({
      syncUrl: sim.syncUrl,
      dbUrl: pg.url,
      engine: { pageSize: 1000, overlap: 0, windowMs: 0 },
    });
    const run = await stack.engine.pullNow();
    expect(run.status).toBe('ok');
    return Object.values(run.stats.records as Record<string, number>).reduce((a, b) => a + b, 0);
  }

  /** Manual ANALYZEs of the products table so far (pg_stat counts them apart from autovacuum's). */
  async function analysed(): Promise<number> {
    const rows = await stack!.storage.db.query<{ n: string }>(
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
