import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pulledEntityNames } from '../../core/contracts/mahak-wire.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient, type MahakClientOptions } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';

/** Transport behaviour of the client against the real Mahak simulator (HTTP on a random port). */

let sim: MahakSim;
beforeAll(async () => {
  sim = await startMahakSim({ port: 0, products: 50, seed: 1 });
});
afterAll(async () => sim.close());
afterEach(() => sim.control.clearFaults());

const newClient = (extra: Partial<MahakClientOptions> = {}) =>
  new MahakClient({
    baseUrl: sim.syncUrl,
    user: 'demo',
    password: 'demo',
    logger: createSilentLogger(),
    timeoutMs: 2_000,
    retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    breaker: { consecutiveFailures: 20, halfOpenAfterMs: 200 },
    ...extra,
  });

/** How many requests of one operation reached the sim. */
const served = (op: string) => sim.control.stats().requests[op] ?? 0;

/** Pages through one collection with pageSize, cursor = max RowVersion received (API.md §6). */
async function pullAll(client: MahakClient, collection: string, pageSize: number) {
  const rows: Record<string, unknown>[] = [];
  let cursor = 0;
  for (let page = 0; page < 1000; page++) {
    const { records, quarantined } = await client.getAllData({ cursors: { [collection]: cursor }, pageSize });
    expect(quarantined).toEqual([]);
    const got = records[collection] ?? [];
    if (got.length === 0) return rows;
    rows.push(...got);
    cursor = Math.max(...got.map((r) => r.RowVersion as number));
  }
  throw new Error('paging did not end');
}

describe('MahakClient against the simulator', () => {
  it('logs in with the MD5 password and exposes the session', async () => {
    const s = await newClient().session();
    expect(s).toMatchObject({ visitorId: 7, databaseId: 1, userTitle: 'فروشگاه اینترنتی همگام' });
    expect(s.token).toMatch(/^eyJ/);
  });

  it('refuses a wrong password with MAHAK_AUTH_FAILED and does not retry it', async () => {
    const before = served('Login');
    await expect(newClient({ password: 'wrong' }).session()).rejects.toMatchObject({
      code: 'MAHAK_AUTH_FAILED',
    });
    expect(served('Login') - before).toBe(1);
  });

  it('pulls every pulled entity with valid records and int64 RowVersions above 2^32', async () => {
    const cursors = Object.fromEntries(pulledEntityNames.map((n) => [n, 0]));
    const page = await newClient().getAllData({ cursors });
    expect(page.quarantined).toEqual([]);
    expect(page.records.Products).toHaveLength(sim.control.snapshot('Products').length);
    expect(page.records.Products!.every((p) => (p.RowVersion as number) > 2 ** 32)).toBe(true);
    for (const name of pulledEntityNames) expect(Array.isArray(page.records[name])).toBe(true);
  });

  it('pages with pageSize and the max RowVersion cursor until nothing is new, V1 and V2 alike', async () => {
    const expected = sim.control.snapshot('ProductDetails').map((r) => r.ProductDetailId);
    for (const apiVersion of ['v1', 'v2'] as const) {
      const rows = await pullAll(newClient({ apiVersion }), 'ProductDetails', 17);
      expect(rows.map((r) => r.ProductDetailId)).toEqual(expected);
    }
  });

  it('retries HTTP 5xx and then succeeds', async () => {
    const client = newClient();
    await client.session();
    sim.control.addFault({ kind: 'http5xx', operation: 'GetAllData', times: 2, status: 502 });
    const before = served('GetAllData');
    const page = await client.getAllData({ cursors: { Stores: 0 } });
    expect(page.records.Stores!.length).toBeGreaterThan(0);
    expect(served('GetAllData') - before).toBe(3);
  });

  it('waits for Retry-After on HTTP 429', async () => {
    const client = newClient();
    await client.session();
    sim.control.addFault({ kind: 'http429', operation: 'GetAllData', times: 1 });
    const started = Date.now();
    await client.getAllData({ cursors: { Stores: 0 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // the sim says Retry-After: 1
  });

  it('never retries a business Result:false', async () => {
    const client = newClient();
    await client.session();
    sim.control.addFault({ kind: 'appError', operation: 'GetAllData' });
    const before = served('GetAllData');
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_REJECTED',
      details: { code: 500 },
    });
    expect(served('GetAllData') - before).toBe(1);
  });

  it('gives up with MAHAK_UNAVAILABLE when 5xx persists', async () => {
    const client = newClient();
    await client.session();
    sim.control.addFault({ kind: 'http5xx', operation: 'GetAllData' });
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_UNAVAILABLE',
      details: { status: 503 },
    });
  });

  it('opens the breaker after consecutive failures, fails fast, then half-opens and closes', async () => {
    const client = newClient({
      retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 },
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 300 },
    });
    await client.session();
    sim.control.addFault({ kind: 'http5xx', operation: 'GetAllData' });
    const before = served('GetAllData');
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_UNAVAILABLE',
    });
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_UNAVAILABLE',
    });
    expect(served('GetAllData') - before).toBe(3); // 2 + 1, then the breaker opened
    expect(client.breakerState).toBe('open');
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      details: { breaker: 'open' },
    });
    expect(served('GetAllData') - before).toBe(3); // failed fast: Mahak was not called
    sim.control.clearFaults();
    await new Promise((r) => setTimeout(r, 350));
    expect(client.breakerState).toBe('half-open');
    await client.getAllData({ cursors: { Stores: 0 } });
    expect(client.breakerState).toBe('closed');
  });

  it('re-logs in once when the token expires, and fails with MAHAK_AUTH_FAILED when the new one is refused too', async () => {
    const client = newClient();
    const first = await client.session();
    sim.control.expireTokens();
    const logins = served('Login');
    await client.getAllData({ cursors: { Stores: 0 } });
    expect(served('Login') - logins).toBe(1);
    expect((await client.session()).token).not.toBe(first.token);

    sim.control.addFault({ kind: 'tokenExpiry', operation: 'GetAllData' }); // every call: tokens die before it runs
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_AUTH_FAILED',
    });
    expect(served('Login') - logins).toBe(2);
  });

  it.each(['abort', 'invalidJson'] as const)('retries a truncated body (%s)', async (mode) => {
    const client = newClient();
    await client.session();
    sim.control.addFault({ kind: 'truncate', operation: 'GetAllData', times: 1, mode });
    const before = served('GetAllData');
    const page = await client.getAllData({ cursors: { Products: 0 } });
    expect(page.records.Products).toHaveLength(sim.control.snapshot('Products').length);
    expect(served('GetAllData') - before).toBe(2);
  });

  it('times out a hanging call and reports MAHAK_UNAVAILABLE', async () => {
    const client = newClient({
      timeoutMs: 250,
      retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 },
    });
    await client.session();
    sim.control.addFault({ kind: 'timeout', operation: 'GetAllData' });
    await expect(client.getAllData({ cursors: { Stores: 0 } })).rejects.toMatchObject({
      code: 'MAHAK_UNAVAILABLE',
      details: { kind: 'timeout' },
    });
  });

  it('quarantines a record that fails its schema and keeps the rest of the page', async () => {
    const client = newClient();
    const [victim, ...others] = sim.control.snapshot('Products');
    const last = others.at(-1)!;
    sim.control.updateProduct(victim.ProductId as number, { Name: 12345 }); // a number where Mahak sends text
    try {
      const page = await client.getAllData({ cursors: { Products: (last.RowVersion as number) - 1 } });
      expect(page.quarantined).toEqual([
        {
          entity: 'Products',
          payload: expect.objectContaining({ ProductId: victim.ProductId, Name: 12345 }),
          reason: expect.stringContaining('Name'),
        },
      ]);
      expect(page.records.Products!.map((p) => p.ProductId)).toEqual([last.ProductId]);
    } finally {
      sim.control.updateProduct(victim.ProductId as number, { Name: 'کالای اصلاح‌شده' });
    }
  });

  it('downloads a picture by its server-relative Url', async () => {
    const client = newClient();
    const { records } = await client.getAllData({ cursors: { Pictures: 0 } });
    const url = records.Pictures![0].Url as string;
    expect(url.startsWith('/')).toBe(true);
    const pic = await client.downloadPicture(url);
    expect(pic.contentType).toMatch(/^image\/png/);
    expect(pic.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await expect(client.downloadPicture('/Content/Images/all/no-such.png')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses an unknown collection before any call to Mahak', async () => {
    const before = served('Login') + served('GetAllData');
    await expect(newClient().getAllData({ cursors: { Invoices: 0 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(served('Login') + served('GetAllData')).toBe(before);
  });

  it('ping does a fresh login round trip', async () => {
    const client = newClient();
    const before = served('Login');
    await client.ping();
    await client.ping();
    expect(served('Login') - before).toBe(2);
  });
});
