import { createSilentLogger } from '../core/logging/pino-logger.js';
import type { MahakClient } from '../core/mahak/mahak-client.js';
import { createQueue } from '../core/queue/create-queue.js';
import { createStorage } from '../core/store/create-storage.js';
import { SyncEngine } from '../core/sync/sync-engine.js';
import { noopSyncMetrics } from '../core/sync/sync-metrics.js';
import { deleteNamespaceQueues } from '../test/support/rabbit-cleanup.js';

/**
 * One full pull with the real engine: simulator -> queue (local or RabbitMQ) -> database. `seconds` is
 * the pull run alone (lock, fetch, apply, checkpoints, statistics), as the baselines time their writes
 * alone: creating the schema and deleting the run's RabbitMQ queues afterwards (rabbitmqctl, an Erlang VM
 * started per call: about 20 s of a 47 s 5,000-product PostgreSQL run) are outside it.
 */
export async function pullOnce(
  dbUrl: string,
  queueUrl: string,
  client: MahakClient,
  pageSize: number,
): Promise<{ records: Record<string, number>; seconds: number; cpuSeconds: number }> {
  const logger = createSilentLogger();
  const storage = createStorage(dbUrl, logger);
  await storage.init();
  const namespace = `hamgam-bench-${process.pid}`;
  const queue = createQueue(queueUrl, {
    db: storage.db,
    logger,
    deadLetters: async () => undefined,
    namespace,
  });
  await queue.init();
  const engine = new SyncEngine({
    storage,
    queue,
    source: client,
    logger,
    metrics: noopSyncMetrics,
    options: { pageSize, overlap: 1000, applyTimeoutMs: 600_000 },
  });
  await engine.start();
  try {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const run = await engine.pullNow();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    if (run.status !== 'ok') throw new Error(`pull failed: ${run.error}`);
    // The engine's own CPU: steadier than the wall clock on a shared machine (the simulator is apart).
    const cpuSeconds = (used.user + used.system) / 1e6;
    return { records: run.stats.records as Record<string, number>, seconds, cpuSeconds };
  } finally {
    await engine.stop();
    await queue.close();
    await storage.close();
    if (queueUrl !== 'local') await deleteNamespaceQueues(namespace);
  }
}

export const sumRecords = (records: Record<string, number>): number =>
  Object.values(records).reduce((a, b) => a + b, 0);
