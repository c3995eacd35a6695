import { spawn, type ChildProcess } from 'node:child_process';
import { codeFromLog, registerByCode } from '../support/registration.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createSqlDb, createStorage } from '../../core/store/create-storage.js';
import type { SqlDb } from '../../core/store/sql-db.js';
import { acquireBrokerLock, brokerLockHookTimeoutMs } from '../queue/broker-lock.js';
import { deleteNamespaceQueues } from '../support/rabbit-cleanup.js';
import { amqpUrl, createTestPgDatabase, hasPostgres, hasRabbitMq } from '../support/services.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';

const cli = fileURLToPath(new URL('../../core/cli.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance {
  child: ChildProcess;
  /** The tail of its log (warnings and errors), shown when the test fails. */
  log: string[];
  /** Everything it printed (the console SMS driver's codes are read from it). */
  output(): string;
  url: string;
  served: number;
  failed: number;
  latencies: number[];
}

/** `hamgam serve` on a free port; resolves once it prints its address. */
function startServe(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--no-ui'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let printed = '';
  const output = () => printed;
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve({ child, log, output, url: m[1], served: 0, failed: 0, latencies: [] });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function call(instance: Instance, method: string, path: string, body?: unknown, token?: string) {
  const started = performance.now();
  const res = await fetch(instance.url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  instance.latencies.push(performance.now() - started);
  if (res.status >= 500) instance.failed++;
  else instance.served++;
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

interface Run {
  id: string;
  started_at: number;
  finished_at: number | null;
  status: string;
}
const pullRuns = (db: SqlDb) =>
  db.query<Run>(
    "SELECT id, started_at, finished_at, status FROM sync_runs WHERE kind = 'pull' ORDER BY started_at",
  );

/** A pull that started after `after` and has finished. */
const pullFinishedAfter = (db: SqlDb, after: number) =>
  waitFor(
    `a pull started after ${new Date(after).toISOString()}`,
    async () => (await pullRuns(db)).find((r) => Number(r.started_at) > after && r.finished_at !== null),
    150_000,
  );

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
};

/**
 * ARCHITECTURE.md "Scale-out path": three `hamgam serve` processes on one PostgreSQL + RabbitMQ, under
 * storefront load (browsing and checkouts spread over all three) while the scheduled pull and the
 * push run. Exactly one puller at a time (the database lock), every pulled page applied once and the
 * store equal to the simulator afterwards (the referee), every order in Mahak's books exactly once,
 * every instance serving throughout.
 */
describe.skipIf(!hasPostgres || !hasRabbitMq)('three instances on one PostgreSQL + RabbitMQ', () => {
  let sim: MahakSim;
  let dir: string;
  let db: SqlDb;
  let instances: Instance[] = [];
  let cleanup: () => Promise<void>;
  let pgUrl: string;
  const ordersPerInstance = 4;
  let browsing = false;

  beforeAll(async () => {
    const releaseBroker = await acquireBrokerLock();
    const pg = await createTestPgDatabase();
    pgUrl = pg.url;
    const namespace = `hamgam-multi-${process.pid}`;
    cleanup = async () => {
      await deleteNamespaceQueues(namespace);
      await pg.drop();
      await releaseBroker();
    };
    sim = await startMahakSim({ port: 0, products: 400, seed: 33 });
    dir = mkdtempSync(join(tmpdir(), 'hamgam-multi-'));
    const env = (i: number) => ({
      HAMGAM_DB: pg.url,
      HAMGAM_QUEUE: amqpUrl,
      HAMGAM_QUEUE_NAMESPACE: namespace,
      HAMGAM_BLOB: `file:${join(dir, 'blobs')}`,
      HAMGAM_DATA_DIR: join(dir, `instance-${i}`),
      HAMGAM_HOST: '127.0.0.1',
      HAMGAM_PORT: '0',
      HAMGAM_MAHAK_URL: sim.syncUrl,
      HAMGAM_STORE_ID: '1',
      // Every instance schedules the pull every minute; the lock lets one of them run it.
      HAMGAM_PULL_SCHEDULE: '* * * * *',
      HAMGAM_PULL_WINDOW_MINUTES: '0',
      HAMGAM_LOCK_TTL_SECONDS: '5',
      HAMGAM_JWT_SECRET: 'one-secret-for-every-instance-0123456789',
      HAMGAM_SETTINGS_KEY: 'one-settings-key-for-every-instance',
      HAMGAM_AUTH_RATE_PER_MINUTE: '10000',
      HAMGAM_BACKUP_SCHEDULE: 'off',
      HAMGAM_LOG_LEVEL: 'warn',
    });
    // Started together: their migrations race too (an advisory lock serialises them).
    instances = await Promise.all([0, 1, 2].map((i) => startServe(env(i))));
    db = createSqlDb(pg.url, createSilentLogger());
    await db.init();
  }, 180_000 + brokerLockHookTimeoutMs);

  afterAll(async () => {
    browsing = false;
    await Promise.all(
      instances.map(
        (i) =>
          new Promise<void>((resolve) => {
            if (i.child.exitCode !== null) return resolve();
            i.child.once('exit', () => resolve());
            i.child.kill('SIGTERM');
          }),
      ),
    );
    await db?.close();
    await sim?.close();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('serves from all three while one pulls and one pushes; every order reaches Mahak once', async () => {
    const testStarted = Date.now();
    // The first scheduled pull fills the catalogue (within a minute of start).
    const products = await waitFor(
      'the first pull',
      async () => {
        const res = await call(instances[0], 'GET', '/api/v1/products?limit=50&inStock=true');
        return res.body?.items?.length >= 20 ? (res.body.items as { id: number }[]) : undefined;
      },
      150_000,
    );
    // Staff change prices and stock in Mahak meanwhile: the next pull has work to do.
    for (let d = 1; d <= 5; d++)
      sim.control.apply({ op: 'setPrices', detailId: d, prices: { Price1: 2_000_000 + d } });
    const booksBefore = sim.control.books().Orders.length;
    const loadStarted = Date.now();

    browsing = true;
    const browse = async (worker: number) => {
      for (let n = worker; browsing; n++) {
        const instance = instances[n % 3];
        await call(instance, 'GET', `/api/v1/products?limit=20&inStock=true`);
        await call(instance, 'GET', `/api/v1/products/${products[n % products.length].id}`);
      }
    };
    const browsers = [0, 1, 2, 3].map(browse);

    const orders: { id: string; token: string; placedOn: number }[] = [];
    for (let k = 0; k < ordersPerInstance * 3; k++) {
      const on = k % 3;
      const instance = instances[on];
      const mobile = `0912${String(3000000 + k).padStart(7, '0')}`;
      const post = (path: string, body: unknown) => call(instance, 'POST', path, body);
      const registered = await registerByCode(post, codeFromLog(instance.output), {
        mobile,
        password: 'رمز-امن-۱۴۰۴',
        firstName: 'مریم',
        lastName: `مشتری ${k}`,
      });
      expect(registered.status).toBe(201);
      const token = (registered.body as { accessToken: string }).accessToken;
      const product = (await call(instance, 'GET', `/api/v1/products/${products[10 + k].id}`)).body;
      const variant = product.variants.find((v: { stock: number }) => v.stock > 0);
      const checkout = await call(
        instances[(on + 1) % 3], // the token one instance issued works on another
        'POST',
        '/api/v1/orders',
        {
          lines: [{ variantId: variant.id, quantity: 1, expectedUnitPrice: variant.price }],
          address: {
            city: 'تبریز',
            address: `خیابان امام، پلاک ${k + 1}`,
            postalCode: '5134567890',
            mobile,
            receiverName: `مشتری ${k}`,
          },
          paymentMethod: 'cash_on_delivery',
        },
        token,
      );
      expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
      orders.push({ id: checkout.body.id as string, token, placedOn: on });
    }
    // Load goes on until a pull that began under it has finished: pull, push and storefront together.
    await pullFinishedAfter(db, loadStarted + 1);
    let statuses: string[] = [];
    const sentAt = await waitFor(
      'every order sent to Mahak',
      async () => {
        statuses = [];
        for (const o of orders) {
          const at = instances[(o.placedOn + 2) % 3];
          statuses.push(
            String((await call(at, 'GET', `/api/v1/orders/${o.id}`, undefined, o.token)).body?.syncStatus),
          );
        }
        return statuses.every((x) => x === 'sent') ? Date.now() : undefined;
      },
      240_000,
    )
      .catch(async (e: Error) => {
        const outbox = await db.query(
          'SELECT kind, state, attempts, last_error FROM push_outbox ORDER BY created_at',
        );
        throw new Error(
          `${e.message}: ${statuses.join(',')}\noutbox: ${JSON.stringify(outbox)}\n` +
            instances.map((i, n) => `instance ${n}:\n${i.log.join('').slice(-3000)}`).join('\n'),
        );
      })
      .finally(async () => {
        browsing = false;
        await Promise.all(browsers);
      });

    // Every instance served, none failed, and each still says it is ready.
    for (const [i, instance] of instances.entries()) {
      expect(instance.served, `instance ${i}`).toBeGreaterThan(20);
      expect(instance.failed, `instance ${i}`).toBe(0);
      expect((await fetch(`${instance.url}/ready`)).status, `instance ${i} /ready`).toBe(200);
    }

    // Every order in Mahak's books exactly once.
    const books = sim.control.books().Orders;
    expect(books.length - booksBefore).toBe(orders.length);
    const mahakIds = new Set<number>();
    for (const o of orders) {
      const order = (await call(instances[0], 'GET', `/api/v1/orders/${o.id}`, undefined, o.token)).body;
      const invoices = books.filter((b: Record<string, unknown>) => b.OrderId === order.mahakOrderId);
      expect(invoices, o.id).toHaveLength(1);
      expect(
        books.filter((b: Record<string, unknown>) => b.OrderClientId === invoices[0].OrderClientId),
      ).toHaveLength(1);
      mahakIds.add(order.mahakOrderId as number);
    }
    expect(mahakIds.size).toBe(orders.length);

    // One puller at a time: no two pull runs overlap, whichever instance ran them.
    await pullFinishedAfter(db, sentAt);
    const runs = (await pullRuns(db)).filter((r) => r.finished_at !== null);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < runs.length; i++)
      expect(Number(runs[i].started_at), `run ${runs[i].id}`).toBeGreaterThanOrEqual(
        Number(runs[i - 1].finished_at),
      );
    expect(runs.every((r) => r.status === 'ok')).toBe(true);
    // Every pulled page applied (none held dead), each recorded once per run.
    const pages = await db.query<{ state: string; n: number }>(
      'SELECT state, COUNT(*) AS n FROM pull_pages GROUP BY state',
    );
    expect(pages.map((p) => p.state)).toEqual(['applied']);

    // And the store equals Mahak, row by row (the pull after the last push included its stock).
    const store = createStorage(pgUrl, createSilentLogger());
    await store.init();
    try {
      expect(diffStates(await simState(sim.syncUrl), await storeState(store))).toEqual([]);
    } finally {
      await store.close();
    }

    // How much of the pushing happened while a pull ran (reported, not asserted: it is timing).
    const pushes = await db.query<Run>(
      "SELECT id, started_at, finished_at, status FROM sync_runs WHERE kind = 'push' AND finished_at IS NOT NULL",
    );
    const overlapping = pushes.filter((p) =>
      runs.some(
        (r) => Number(p.started_at) < Number(r.finished_at) && Number(p.finished_at) > Number(r.started_at),
      ),
    ).length;
    const all = instances.flatMap((i) => i.latencies);
    console.log(
      `multi-instance: ${instances.map((i) => i.served).join(' / ')} requests served per instance, ` +
        `p50 ${percentile(all, 50)} ms, p95 ${percentile(all, 95)} ms, ${orders.length} orders pushed once, ` +
        `${runs.length} pull runs, none overlapping, ${pushes.length} push runs (${overlapping} during a pull), ${Math.round((Date.now() - testStarted) / 1000)} s`,
    );
  }, 600_000);
});
