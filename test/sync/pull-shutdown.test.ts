import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HamgamError } from '../../core/errors.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import type { MahakClient } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { PullSource } from '../../core/sync/pull-reader.js';
import { startEngineStack } from './engine-stack.js';

/**
 * A shutdown (`hamgam serve` on SIGTERM, the desktop app quitting) stops the engine. A pull waiting
 * between GetAllData attempts after a passing Mahak error (mahak-read-retry.ts: up to ~25 s) used to
 * hold that shutdown for the whole ladder. Now the wait ends at once, the run is recorded as
 * interrupted, and the pages it had applied stay applied: the next pull resumes from its checkpoint.
 * A GetAllData already in flight (Mahak slow to answer, up to the client's timeout) is given up the
 * same way, without counting as Mahak's failure.
 */

let sim: MahakSim;
beforeAll(async () => {
  sim = await startMahakSim({ port: 0, products: 300, seed: 23 });
});
afterAll(async () => sim.close());

/** Answers like Mahak for `good` GetAllData calls, then only a passing application error. */
function failingAfter(good: number) {
  const state = { calls: 0, failing: true };
  const wrap = (client: PullSource): PullSource => ({
    getAllData(request) {
      if (++state.calls > good && state.failing)
        return Promise.reject(
          new HamgamError('MAHAK_REJECTED', 'خطای داخلی سرور؛ لطفاً دوباره تلاش کنید', {
            op: 'GetAllData',
            code: 500,
          }),
        );
      return client.getAllData(request);
    },
  });
  return { state, wrap };
}

describe('stopping the engine during a GetAllData retry wait', () => {
  it('ends the run at once as interrupted, keeps what it applied, and the next pull resumes', async () => {
    const mahak = failingAfter(2);
    const storage = createStorage('sqlite::memory:', createSilentLogger());
    await storage.init();
    try {
      const first = await startEngineStack({
        syncUrl: sim.syncUrl,
        storage,
        source: mahak.wrap,
        engine: { pageSize: 50, overlap: 0 },
      });
      const run = first.engine.pullNow();
      run.catch(() => undefined);
      await expect.poll(() => mahak.state.calls, { timeout: 20_000 }).toBeGreaterThan(2);
      // Now in the reader's wait before its second attempt (1 s or more, 10-25 s for the ladder).
      const stopAt = Date.now();
      await first.close();
      const stopMs = Date.now() - stopAt;
      await expect(run).rejects.toMatchObject({ code: 'PULL_INTERRUPTED' });
      expect(stopMs).toBeLessThan(3_000);
      expect(mahak.state.calls).toBe(3); // no attempt after the stop

      const [last] = await storage.listRuns(1);
      expect(last).toMatchObject({ kind: 'pull', status: 'failed' });
      expect(last?.error).toMatch(/shutting down/);
      const kept = (await storage.getCheckpoints()).Products ?? 0;
      expect(kept).toBeGreaterThan(0); // the two pages read before the error are applied

      mahak.state.failing = false;
      const second = await startEngineStack({
        syncUrl: sim.syncUrl,
        storage,
        source: mahak.wrap,
        engine: { pageSize: 50, overlap: 0 },
      });
      try {
        const resumed = await second.engine.pullNow();
        expect(resumed.status).toBe('ok');
        const [{ n }] = await storage.db.query<{ n: number }>('SELECT count(*) AS n FROM products');
        expect(Number(n)).toBe(300);
        // Resumed from the checkpoint, not from 0.
        expect((resumed.stats.records as Record<string, number>).Products).toBeLessThan(300);
      } finally {
        await second.close();
      }
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('gives up a GetAllData that Mahak has not answered yet, without counting it against Mahak', async () => {
    const storage = createStorage('sqlite::memory:', createSilentLogger());
    await storage.init();
    let calls = 0;
    let stack: Awaited<ReturnType<typeof startEngineStack>> | undefined;
    try {
      let client: MahakClient | undefined;
      stack = await startEngineStack({
        syncUrl: sim.syncUrl,
        storage,
        // From the third request on Mahak hangs: no answer until the client gives up (30 s by default).
        source: (c) => {
          client = c;
          return {
            getAllData(request, options) {
              if (++calls === 3) sim.control.addFault({ kind: 'timeout', operation: 'GetAllData' });
              return c.getAllData(request, options);
            },
          };
        },
        engine: { pageSize: 50, overlap: 0 },
      });
      const run = stack.engine.pullNow();
      run.catch(() => undefined);
      await expect
        .poll(() => sim.control.faults().some((f) => f.kind === 'timeout' && f.fired === 1), {
          timeout: 20_000,
        })
        .toBe(true);
      const stopAt = Date.now();
      await stack.close();
      stack = undefined;
      const stopMs = Date.now() - stopAt;
      await expect(run).rejects.toMatchObject({ code: 'PULL_INTERRUPTED' });
      expect(stopMs).toBeLessThan(3_000);
      expect(calls).toBe(3); // not asked again after the stop, by the reader
      await new Promise((resolve) => setTimeout(resolve, 300));
      const hung = sim.control.faults().find((f) => f.kind === 'timeout');
      expect(hung?.fired).toBe(1); // nor by the client's own retry
      expect(client?.breakerState).toBe('closed');
      const [last] = await storage.listRuns(1);
      expect(last).toMatchObject({ kind: 'pull', status: 'failed' });
      expect(last?.error).toMatch(/shutting down/);
    } finally {
      sim.control.clearFaults();
      await stack?.close();
      await storage.close();
    }
  }, 60_000);
});
