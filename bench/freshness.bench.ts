import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../core/config/load-config.js';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { MahakClient } from '../core/mahak/mahak-client.js';
import { createQueue } from '../core/queue/create-queue.js';
import { createStorage } from '../core/store/create-storage.js';
import type { Storage } from '../core/store/storage.js';
import { SyncEngine } from '../core/sync/sync-engine.js';
import { noopSyncMetrics } from '../core/sync/sync-metrics.js';
import { createTestPgDatabase, hasPostgres } from '../test/support/services.js';
import { intArg, report, timed } from './bench-support.js';
import { startSimProcess } from './sim-process.js';

/**
 * Incremental freshness (issue 9): 1,000 price and stock changes made at Mahak's desk in a big
 * catalogue, and the time from the start of the next pull until the storefront (its own process, over
 * the same database) shows every one of them; then the cost of a pull that finds nothing new. Goals:
 * visible within 2 s, an empty poll under 50 ms. Baselines from the same run: Mahak's own answer to
 * the same delta (GetAllData from the checkpoints), which no pull can beat.
 *
 * `--freshness-products=N` (default 100,000; HAMGAM_BENCH_1M=1 makes it 1,000,000); SQLite with the
 * local queue, and PostgreSQL when it is reachable (`--freshness-stack=sqlite|postgres` for one). The engine runs with the shipped defaults for the
 * RowVersion overlap; the time window is 0 so the empty poll is the steady state one (within the
 * window after a first full pull, a pull re-reads what the window covers, by design).
 */
const changes = 1_000;
const storeId = 1;
const serverScript = fileURLToPath(new URL('./storefront-server.ts', import.meta.url));

export async function benchFreshness(products = freshnessProducts()): Promise<void> {
  const wanted = process.argv.find((a) => a.startsWith('--freshness-stack='))?.split('=')[1];
  const drivers = (hasPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)).filter(
    (d) => wanted === undefined || wanted === d,
  );
  // One report per stack, so a stack that fails does not take the other's figures with it.
  for (const driver of drivers) report(`freshness-${driver}-${products}`, await benchOne(driver, products));
}

export function freshnessProducts(): number {
  return intArg('freshness-products', process.env.HAMGAM_BENCH_1M === '1' ? 1_000_000 : 100_000);
}

interface Variant {
  productId: number;
  detailId: number;
  price: number;
  stock: number;
}

async function benchOne(driver: 'sqlite' | 'postgres', products: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-fresh-'));
  const pg = driver === 'postgres' ? await createTestPgDatabase() : undefined;
  const dbUrl = pg?.url ?? `sqlite:${join(dir, 'hamgam.db')}`;
  const sim = await startSimProcess(products, 11);
  const logger = createSilentLogger();
  const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
  const storage = createStorage(dbUrl, logger);
  await storage.init();
  const queue = createQueue('local', { db: storage.db, logger, deadLetters: async () => undefined });
  await queue.init();
  const engine = new SyncEngine({
    storage,
    queue,
    source: client,
    logger,
    metrics: noopSyncMetrics,
    options: { pageSize: 1000, overlap: defaultOverlap(), applyTimeoutMs: 1_800_000, windowMs: 0 },
  });
  await engine.start();
  const storefront = await startStorefront(dbUrl);
  try {
    const first = await timed(() => engine.pullNow());
    console.log(`${driver} ${products} products: first pull in ${first.seconds.toFixed(1)} s`);
    const chosen = await changedVariants(storefront.origin);
    const expected = await changeAtMahak(sim.origin, chosen);
    const delta = await timed(() => deltaFromMahak(client, storage));
    const pullStart = performance.now();
    const visible = watchUntilVisible(storefront.origin, expected, pullStart);
    const pull = await timed(() => engine.pullNow());
    const visibleSeconds = await visible;
    await expectAllShown(storefront.origin, expected);
    const empty = await emptyPolls(engine);
    const emptyBaseline = await medianOf(5, () => deltaFromMahak(client, storage));
    return [
      row(driver, products, `${changes} changes visible in the storefront`, visibleSeconds, 2, delta.seconds),
      row(driver, products, 'the pull that brought them', pull.seconds, 2, delta.seconds),
      row(driver, products, 'empty poll (nothing changed), median of 5', empty, 0.05, emptyBaseline),
    ];
  } finally {
    await storefront.stop();
    await engine.stop();
    await queue.close();
    await storage.close();
    await sim.stop();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function defaultOverlap(): number {
  return loadConfig({ env: {}, overrides: {} }).pullOverlap;
}

function row(
  driver: string,
  products: number,
  what: string,
  seconds: number,
  goalSeconds: number,
  mahakSeconds: number,
) {
  return {
    driver,
    products,
    case: what,
    ms: Math.round(seconds * 1000),
    goal_ms: goalSeconds * 1000,
    'goal met': seconds <= goalSeconds ? 'yes' : 'NO',
    'Mahak alone ms': Math.round(mahakSeconds * 1000),
    'ratio Mahak/ours': Number((mahakSeconds / seconds).toFixed(2)),
  };
}

/** Spread over the catalogue: every n-th product of the listing, one variant each. */
async function changedVariants(origin: string): Promise<Variant[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  while (ids.length < changes * 3) {
    const page = await getJson<{ items: { id: number }[]; nextCursor: string | null }>(
      origin,
      `/api/v1/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    ids.push(...page.items.map((p) => p.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const step = Math.max(1, Math.floor(ids.length / changes));
  const picked = ids.filter((_, i) => i % step === 0).slice(0, changes);
  return mapLimit(picked, 20, async (productId) => {
    const p = await getJson<{ variants: { id: number; price: number; stock: number }[] }>(
      origin,
      `/api/v1/products/${productId}`,
    );
    const v = p.variants[0];
    return { productId, detailId: v.id, price: v.price, stock: v.stock };
  });
}

/**
 * Half the variants get a new sell price, half a new stock, at the simulator's desk, one after the
 * other so the last two are the last of their entities.
 */
async function changeAtMahak(simOrigin: string, variants: Variant[]): Promise<Variant[]> {
  return mapLimit(variants, 1, async (v, i) => {
    if (i % 2 === 0) {
      const price = v.price + 10_000;
      await send(simOrigin, `/__sim/details/${v.detailId}/prices`, { Price1: price });
      return { ...v, price };
    }
    const stock = v.stock + 7;
    await send(simOrigin, '/__sim/stock', { detailId: v.detailId, storeId, count1: stock });
    return { ...v, stock };
  });
}

/**
 * Seconds from `start` until the last price change and the last stock change both show in the
 * storefront. Pages of an entity commit in order, each with its storefront rows (invariant 2), so when
 * the last change of each entity shows, the earlier ones do: the sweep after the pull checks every one.
 */
async function watchUntilVisible(origin: string, expected: Variant[], start: number): Promise<number> {
  const sentinels = [expected.at(-2)!, expected.at(-1)!];
  const deadline = start + 600_000;
  while (performance.now() < deadline) {
    const shown = await Promise.all(sentinels.map((v) => isShown(origin, v)));
    if (shown.every(Boolean)) return (performance.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the changes did not show in the storefront within 10 minutes');
}

async function expectAllShown(origin: string, expected: Variant[]): Promise<void> {
  const shown = await mapLimit(expected, 20, (v) => isShown(origin, v));
  const missing = shown.filter((ok) => !ok).length;
  if (missing > 0) throw new Error(`${missing} of ${expected.length} changes are not in the storefront`);
}

async function isShown(origin: string, v: Variant): Promise<boolean> {
  const p = await getJson<{ variants: { id: number; price: number; stock: number }[] }>(
    origin,
    `/api/v1/products/${v.productId}`,
  );
  const now = p.variants.find((x) => x.id === v.detailId);
  return now !== undefined && now.price === v.price && now.stock === v.stock;
}

async function emptyPolls(engine: SyncEngine): Promise<number> {
  return medianOf(5, async () => {
    const run = await engine.pullNow();
    if (run.status !== 'ok') throw new Error(`empty poll failed: ${run.error}`);
  });
}

/** What Mahak answers for the delta from our checkpoints: the floor for any pull. */
async function deltaFromMahak(client: MahakClient, storage: Storage): Promise<void> {
  const cursors = await storage.getCheckpoints();
  await client.getAllData({ cursors, pageSize: 1000 });
}

async function medianOf(n: number, fn: () => Promise<unknown>): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < n; i++) seconds.push((await timed(fn)).seconds);
  return seconds.sort((a, b) => a - b)[Math.floor(n / 2)];
}

async function startStorefront(dbUrl: string): Promise<{ origin: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, 'storefront', dbUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`storefront server exited ${code}: ${out}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function getJson<T>(origin: string, path: string): Promise<T> {
  const res = await fetch(origin + path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function send(origin: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(origin + path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchFreshness();
