import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { MahakClient } from '../core/mahak/mahak-client.js';
import { createStorage } from '../core/store/create-storage.js';
import { intArg, report, timed, withPeakRss } from './bench-support.js';
import { pullOnce, sumRecords } from './pull-engine.js';
import { fetchMappedPages, plainBatchedInsert } from './pull-baseline.js';
import { startSimProcess } from './sim-process.js';

/**
 * Pull of the simulator's catalogue into SQLite (simulator -> local queue -> SQLite), in records/s,
 * against plain batched inserts of the same rows into a fresh SQLite database in the same run.
 */
export async function benchPullSqlite(
  products = intArg('products', 100_000),
  pageSize = 1000,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-bench-'));
  const sim = await startSimProcess(products);
  const logger = createSilentLogger();
  const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
  try {
    const pull = await withPeakRss(() =>
      pullOnce(`sqlite:${join(dir, 'pull.db')}`, 'local', client, pageSize),
    );
    const pulled = sumRecords(pull.result.records);
    const baselineStorage = createStorage(`sqlite:${join(dir, 'baseline.db')}`, logger);
    await baselineStorage.init();
    await baselineStorage.close();
    // Reading every page from the simulator (HTTP, JSON, mapping) is in the pull's time too: the bound
    // no engine change can pass on this machine, reported beside the ratio.
    const fetched = await timed(() => fetchMappedPages(client, pageSize));
    const pages = fetched.result;
    const baseline = await timed(async () => plainBatchedInsert(join(dir, 'baseline.db'), pages));
    const pullRate = pulled / pull.result.seconds;
    const baseRate = baseline.result / baseline.seconds;
    report(`pull-sqlite-${products}`, [
      {
        case: 'hamgam pull (HTTP + validate + queue + upsert + checkpoint)',
        records: pulled,
        seconds: round(pull.result.seconds),
        'records/s': Math.round(pullRate),
        'peak RSS MiB': pull.peakRssMiB,
        'engine CPU s': round(pull.result.cpuSeconds),
        load: loadavg()[0].toFixed(1),
      },
      {
        case: 'baseline: plain batched INSERT of the same rows',
        records: baseline.result,
        seconds: round(baseline.seconds),
        'records/s': Math.round(baseRate),
        'peak RSS MiB': '-',
      },
      {
        case: 'for scale: simulator alone (fetch + map every page, no writes)',
        records: pages.reduce((n, p) => n + p.rows.length, 0),
        seconds: round(fetched.seconds),
        'records/s': Math.round(pages.reduce((n, p) => n + p.rows.length, 0) / fetched.seconds),
        'peak RSS MiB': '-',
      },
      {
        case: 'ratio pull / baseline',
        records: '-',
        seconds: '-',
        'records/s': round(pullRate / baseRate),
        'peak RSS MiB': '-',
      },
    ]);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) await benchPullSqlite();
