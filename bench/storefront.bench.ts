import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { encodeCursor } from '../core/store/catalog-sql.js';
import { createStorage } from '../core/store/create-storage.js';
import pg from 'pg';
import { createTestPgDatabase, hasPostgres, pgAdminUrl } from '../test/support/services.js';
import { report, timed } from './bench-support.js';
import { benchCategories, loadBenchCatalogue, searchWords } from './storefront-catalogue.js';

/**
 * Storefront reads under 50 connections (issue 9), against a bare fastify route serving the same JSON
 * from memory, measured in the same run on the same machine: a hot URL (one listing page), a spread of
 * 2,000 distinct list URLs (categories x deep cursors, in-stock, search words; with the in-process
 * cache and without it), product pages at random ids. Servers run in their own process.
 *
 * Each server process first gets `HAMGAM_BENCH_WARMUP_SECONDS` (default 2) of the same load, not
 * counted: without it the first case of a process (the bare route, then the hot URL) ran while V8 was
 * still compiling, and the bare route gave 8,771 req/s at 20,000 products and 21,390 at 100,000 in one
 * quiet run. `HAMGAM_BENCH_SERVER_ARGS` adds node options to the storefront processes (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`); `--db=sqlite|postgres` runs one stack only.
 */
const server = fileURLToPath(new URL('./storefront-server.ts', import.meta.url));
const seconds = Number(process.env.HAMGAM_BENCH_SECONDS ?? 5);
const warmupSeconds = Number(process.env.HAMGAM_BENCH_WARMUP_SECONDS ?? 2);
const serverArgs = (process.env.HAMGAM_BENCH_SERVER_ARGS ?? '').split(' ').filter((a) => a !== '');
const connections = 50;

interface Case {
  name: string;
  paths: () => string;
}

type Driver = 'sqlite' | 'postgres';

export async function benchStorefront(sizes: number[], only?: Driver): Promise<void> {
  const drivers = (hasPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)).filter(
    (d) => only === undefined || d === only,
  );
  const rows: Record<string, string | number>[] = [];
  for (const driver of drivers) {
    for (const n of sizes) rows.push(...(await benchOne(driver, n)));
  }
  report('storefront', rows);
}

/**
 * `HAMGAM_BENCH_KEEP_DIR` keeps each SQLite catalogue there and reuses it in later runs: loading
 * 1,000,000 products takes far longer than measuring them, and can be done while the machine is busy.
 * A file counts only once its `.loaded` marker is written after a complete load. PostgreSQL's
 * catalogue is kept likewise in the database `hamgam_bench_storefront_<n>`, its marker
 * `postgres-<n>.loaded` in the same folder (a database without the marker is dropped and loaded again).
 */
const keepDir = process.env.HAMGAM_BENCH_KEEP_DIR;

/** The kept PostgreSQL catalogue of `n` products: created when missing, never dropped. */
async function keptPgDatabase(
  n: number,
): Promise<{ url: string; drop: () => Promise<void>; marker: string }> {
  const name = `hamgam_bench_storefront_${n}`;
  const marker = join(keepDir ?? '', `postgres-${n}.loaded`);
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0 || !existsSync(marker)) {
      rmSync(marker, { force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => undefined, marker };
}

/** `kept`: the SQLite file kept in HAMGAM_BENCH_KEEP_DIR, undefined when none is kept. */
async function loadCatalogue(
  driver: Driver,
  n: number,
  url: string,
  kept: string | undefined,
  pgMarker?: string,
): Promise<void> {
  if (kept !== undefined && existsSync(`${kept}.loaded`)) {
    console.log(`${driver} ${n} products: reusing ${kept}`);
    return;
  }
  if (pgMarker !== undefined && existsSync(pgMarker)) {
    console.log(`${driver} ${n} products: reusing the kept database`);
    return;
  }
  if (kept !== undefined) for (const f of [kept, `${kept}-wal`, `${kept}-shm`]) rmSync(f, { force: true });
  const storage = createStorage(url, createSilentLogger());
  await storage.init();
  const { seconds: loadSeconds } = await timed(() => loadBenchCatalogue(storage, n));
  await storage.close();
  if (kept !== undefined) writeFileSync(`${kept}.loaded`, new Date().toISOString());
  if (pgMarker !== undefined) writeFileSync(pgMarker, new Date().toISOString());
  console.log(`${driver} ${n} products loaded through the pull path in ${loadSeconds.toFixed(1)} s`);
}

async function benchOne(driver: Driver, n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-sf-bench-'));
  if (keepDir !== undefined) mkdirSync(keepDir, { recursive: true });
  const pgDb: { url: string; drop: () => Promise<void>; marker?: string } | undefined =
    driver !== 'postgres'
      ? undefined
      : keepDir !== undefined
        ? await keptPgDatabase(n)
        : await createTestPgDatabase();
  const kept = driver === 'sqlite' && keepDir !== undefined ? join(keepDir, `storefront-${n}.db`) : undefined;
  const url = pgDb?.url ?? `sqlite:${kept ?? join(dir, 'hamgam.db')}`;
  try {
    await loadCatalogue(driver, n, url, kept, pgDb?.marker);
    const hotPath = '/api/v1/products?limit=20';
    const hot = () => hotPath;
    const cases = benchCases(n);
    const out: Record<string, string | number>[] = [];
    const loadAtStart = loadText();
    const sf = await startServer(['storefront', url], hot);
    const body = await (await fetch(`http://127.0.0.1:${sf.port}${hotPath}`)).text();
    writeFileSync(join(dir, 'hot.json'), body);
    const bare = await startServer(['bare', join(dir, 'hot.json')], hot);
    const bareHot = await load(bare, hot);
    out.push(row(driver, n, 'bare fastify, same JSON from memory', bareHot, bareHot));
    out.push(row(driver, n, 'hot: one listing page', await load(sf, hot), bareHot));
    for (const c of cases) out.push(row(driver, n, c.name, await load(sf, c.paths), bareHot));
    await sf.stop();
    const spread = cases[0];
    const uncached = await startServer(['storefront', url, '0'], spread.paths);
    out.push(
      row(driver, n, `${spread.name}, in-process cache off`, await load(uncached, spread.paths), bareHot),
    );
    await uncached.stop();
    await bare.stop();
    console.log(`load average (1, 5, 15 min) at start ${loadAtStart}, at end ${loadText()}`);
    console.table(out);
    return out;
  } finally {
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 2,000 distinct list URLs, and product pages at random ids. */
function benchCases(n: number): Case[] {
  const urls: string[] = [];
  const cursor = (i: number) => encodeURIComponent(encodeCursor(Math.floor((i * 7919) % n)));
  for (let i = 0; i < 1000; i++)
    urls.push(`/api/v1/products?limit=20&categoryId=${(i % benchCategories) + 1}&cursor=${cursor(i)}`);
  for (let i = 0; i < 500; i++)
    urls.push(`/api/v1/products?limit=20&inStock=${i % 2 ? 'true' : 'false'}&cursor=${cursor(i + 1000)}`);
  for (let i = 0; i < 500; i++) {
    const word = encodeURIComponent(searchWords[i % searchWords.length]);
    urls.push(`/api/v1/products?limit=20&q=${word}&cursor=${cursor(i + 1500)}`);
  }
  let next = 0;
  return [
    { name: 'spread: 2,000 list URLs', paths: () => urls[next++ % urls.length] },
    {
      name: 'product pages at random ids',
      paths: () => `/api/v1/products/${1 + Math.floor(Math.random() * n)}`,
    },
  ];
}

interface Server {
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

async function load(srv: Server, path: () => string, duration = seconds) {
  const cpuBefore = cpuMs(srv.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${srv.port}`,
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }],
  });
  const cpu = cpuMs(srv.pid) - cpuBefore;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuUsPerRequest: result.requests.total > 0 ? (cpu * 1000) / result.requests.total : 0,
  };
}

/**
 * CPU time the server process used (user + system, ms; Linux /proc, else 0). Per request it tells how
 * much work an answer costs whatever else runs on the machine, where req/s drop with the load.
 */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s
  } catch {
    return 0;
  }
}

const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function row(driver: string, n: number, name: string, r: Awaited<ReturnType<typeof load>>, bare: typeof r) {
  return {
    db: driver,
    products: n,
    case: name,
    'req/s': Math.round(r.rps),
    'p99 ms': r.p99,
    'non-2xx/errors': r.errors,
    'ratio to bare': Number((r.rps / bare.rps).toFixed(3)),
    'server CPU us/req': Math.round(r.cpuUsPerRequest),
  };
}

/** Starts a server process and gives it the warm-up load (`warm`'s paths), not counted. */
async function startServer(args: string[], warm: () => string): Promise<Server> {
  const child = spawn(process.execPath, [...serverArgs, '--import', 'tsx', server, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await readPort(child);
  const srv: Server = {
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  if (warmupSeconds > 0) await load(srv, warm, warmupSeconds);
  return srv;
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

export const storefrontSizes = (): number[] => {
  const sizes = [20_000, 100_000];
  if (process.env.HAMGAM_BENCH_1M === '1') sizes.push(1_000_000);
  return sizes;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const products = arg('products');
  const db = arg('db');
  if (db !== undefined && db !== 'sqlite' && db !== 'postgres')
    throw new Error(`--db=${db}: sqlite or postgres`);
  await benchStorefront(products ? [Number(products)] : storefrontSizes(), db);
}
