import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { MahakClient } from '../core/mahak/mahak-client.js';
import { intArg, withPeakRss } from './bench-support.js';
import { pullOnce, sumRecords } from './pull-engine.js';
import { startSimProcess } from './sim-process.js';

/** One pull in a fresh process, so its peak RSS belongs to this catalogue size alone. Prints JSON. */
const products = intArg('products', 10_000);
const dir = mkdtempSync(join(tmpdir(), 'hamgam-mem-'));
const sim = await startSimProcess(products);
try {
  const client = new MahakClient({
    baseUrl: sim.syncUrl,
    user: 'demo',
    password: 'demo',
    logger: createSilentLogger(),
  });
  const run = await withPeakRss(() => pullOnce(`sqlite:${join(dir, 'pull.db')}`, 'local', client, 1000));
  console.log(
    JSON.stringify({
      products,
      records: sumRecords(run.result.records),
      seconds: run.result.seconds,
      peakRssMiB: run.peakRssMiB,
    }),
  );
} finally {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
