import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { startCursor } from '../../core/sync/pull-paging.js';
import { PagingMonitor, readPaged } from '../../core/sync/pull-reader.js';
import { createHarness } from './pull-harness.js';

/**
 * Issue 11: one GetAllData answered `Result:false` (or a transport failure past the client's own
 * retries) used to fail the whole pull run. The reader now asks again, a bounded number of times,
 * and fails with the same clear error only when that is used up; it never loops on an auth refusal.
 */

let sim: MahakSim;
beforeAll(async () => {
  sim = await startMahakSim({ port: 0, products: 40, seed: 11 });
});
afterAll(async () => sim.close());
afterEach(() => sim.control.clearFaults());

const served = (op: string) => sim.control.stats().requests[op] ?? 0;

describe('a pull under passing Mahak errors', () => {
  it('finishes the run when GetAllData answers Result:false twice, and when it answers 503', async () => {
    const h = await createHarness(sim.syncUrl); // its client makes one attempt per call
    try {
      await h.client.session();
      sim.control.addFault({ kind: 'appError', operation: 'GetAllData', times: 2 });
      sim.control.addFault({ kind: 'http5xx', operation: 'GetAllData', times: 1 });
      const before = served('GetAllData');
      await h.round({ pageSize: 25, overlap: 0, runId: 'faulty' });
      expect(sim.control.faults()).toEqual([]); // every fault fired
      const [{ n }] = await h.storage.db.query<{ n: number }>('SELECT count(*) AS n FROM products');
      expect(Number(n)).toBe(40);
      expect(served('GetAllData') - before).toBeGreaterThan(3);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('the reader gives up', () => {
  const client = () =>
    new MahakClient({
      baseUrl: sim.syncUrl,
      user: 'demo',
      password: 'demo',
      logger: createSilentLogger(),
      retry: { maxAttempts: 1 },
    });
  const read = (c: MahakClient) =>
    readPaged(
      {
        source: c,
        logger: createSilentLogger(),
        monitor: new PagingMonitor(),
        retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 10 },
      },
      new Map([['Products', startCursor(0, 100)]]),
      async () => {},
    );

  it('after its last attempt, with the error a run fails with today', async () => {
    const c = client();
    await c.session();
    sim.control.addFault({ kind: 'appError', operation: 'GetAllData' });
    const before = served('GetAllData');
    await expect(read(c)).rejects.toMatchObject({ code: 'MAHAK_REJECTED', details: { code: 500 } });
    expect(served('GetAllData') - before).toBe(3);
  });

  it('at once on a token refused after a fresh login: one re-login, no loop', async () => {
    const c = client();
    await c.session();
    sim.control.addFault({ kind: 'tokenExpiry', operation: 'GetAllData' });
    const logins = served('Login');
    const reads = served('GetAllData');
    await expect(read(c)).rejects.toMatchObject({ code: 'MAHAK_AUTH_FAILED' });
    expect(served('Login') - logins).toBe(1);
    expect(served('GetAllData') - reads).toBe(2);
  });
});
