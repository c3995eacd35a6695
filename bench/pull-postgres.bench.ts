import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { MahakClient } from '../core/mahak/mahak-client.js';
import { createStorage } from '../core/store/create-storage.js';
import { amqpUrl, createTestPgDatabase } from '../test/support/services.js';
import { intArg, report, timed, withPeakRss } from './bench-support.js';
import { copyAll, writeCopyFiles } from './copy-baseline.js';
import { pullOnce, sumRecords } from './pull-engine.js';
import { startSimProcess } from './sim-process.js';

/**
 * Pull of the simulator's catalogue through RabbitMQ into PostgreSQL, in records/s, against a raw
 * COPY of the same rows into the same (migrated, empty) schema in the same run.
 */
export async function benchPullPostgres(
  products = intArg('products', 1_000_000),
  pageSize = 1000,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-bench-pg-'));
  const sim = await startSimProcess(products);
  const pullDb = await createTestPgDatabase();
  const copyDb = await createTestPgDatabase();
  const logger = createSilentLogger();
  const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
  try {
    const pull = await withPeakRss(() => pullOnce(pullDb.url, amqpUrl, client, pageSize));
    const pulled = sumRecords(pull.result.records);
    const schema = createStorage(copyDb.url, logger);
    await schema.init();
    await schema.close();
    const files = await writeCopyFiles(client, pageSize, dir);
    const copy = await timed(() => copyAll(copyDb.url, files));
    const pullRate = pulled / pull.result.seconds;
    const copyRate = copy.result / copy.seconds;
    report(`pull-postgres-rabbitmq-${products}`, [
      {
        case: 'hamgam pull (HTTP + RabbitMQ + upsert + checkpoint)',
        records: pulled,
        seconds: round(pull.result.seconds),
        'records/s': Math.round(pullRate),
        'peak RSS MiB': pull.peakRssMiB,
        'engine CPU s': round(pull.result.cpuSeconds),
        load: loadavg()[0].toFixed(1),
      },
      {
        case: 'baseline: raw COPY of the same rows',
        records: copy.result,
        seconds: round(copy.seconds),
        'records/s': Math.round(copyRate),
        'peak RSS MiB': '-',
      },
      {
        case: 'ratio pull / COPY',
        records: '-',
        seconds: '-',
        'records/s': round(pullRate / copyRate),
        'peak RSS MiB': '-',
      },
    ]);
  } finally {
    await sim.stop();
    await pullDb.drop();
    await copyDb.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) await benchPullPostgres();
