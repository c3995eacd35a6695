/**
 * A pushing process for the crash test: `node --import tsx test/push/push-child.ts <dbUrl> <syncUrl>`.
 * Builds the real parts (storage, Mahak client, worker) and runs the worker in a loop until killed;
 * prints `ready`, then one `run <status> <json>` line per run that had work.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../core/config/load-config.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { PushWorker } from '../../core/push/push-worker.js';
import { createStorage } from '../../core/store/create-storage.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';

const [dbUrl, syncUrl] = process.argv.slice(2);
const logger = createSilentLogger();
const config = loadConfig({
  env: {},
  overrides: { db: dbUrl, mahakUrl: syncUrl, storeId: 1, pullOverlap: 10, pushBatchSize: 12 },
});
const storage = createStorage(dbUrl, logger);
await storage.init();
const mahak = new MahakClient({
  baseUrl: syncUrl,
  user: 'demo',
  password: 'demo',
  logger,
  timeoutMs: 800,
  retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 },
  breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 100 },
});
const worker = new PushWorker({
  storage,
  mahak,
  config,
  logger,
  metrics: noopSyncMetrics,
  instanceId: `child-${process.pid}-${randomUUID().slice(0, 6)}`,
  settings: {
    leaseMs: 2_500,
    lockTtlMs: 1_500,
    leaseLimit: 8,
    // Above the chaos's late commits (400 ms) and the client's timeout, so no in-doubt order is resent
    // before a late commit of its attempt would show.
    confirmWindowMs: 1_500,
    failurePolicy: { maxAttempts: 50, maxTransientAttempts: 500, backoff: { baseMs: 5, maxMs: 100 } },
  },
});
// As a server start does (push-services.ts): the ClientId floor is checked first, and `ready` (from
// which the crash test times its kill) means the worker is about to push, not still reading Mahak.
for (;;) {
  try {
    await worker.checkClientIdFloor();
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 10));
  }
}
process.stdout.write('ready\n');
for (;;) {
  try {
    const run = await worker.runOnce();
    if (run) process.stdout.write(`run ${run.status} ${JSON.stringify(run.stats)}\n`);
  } catch (e) {
    process.stdout.write(`error ${(e as Error).message}\n`);
  }
  await new Promise((r) => setTimeout(r, 10));
}
