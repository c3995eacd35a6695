import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { PullPage, Storage } from '../../core/store/storage.js';
import { fetchAllPages } from '../../core/sync/pull-fetcher.js';
import { parsePullPage, pullPagesTopic } from '../../core/sync/pull-page-message.js';
import { SyncEvents } from '../../core/sync/sync-events.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';

/**
 * A store whose pages are fetched by the real fetcher onto the real local queue but applied by the
 * test, so a test can capture, reorder and replay them.
 */
export interface Harness {
  storage: Storage;
  queue: Queue;
  client: MahakClient;
  /** One pull round: fetch every entity from the store's checkpoints; returns the pages, applied in order. */
  round(options: { pageSize: number; overlap: number; runId: string }): Promise<PullPage[]>;
  close(): Promise<void>;
}

export async function createHarness(syncUrl: string, dbUrl = 'sqlite::memory:'): Promise<Harness> {
  const logger = createSilentLogger();
  const storage = createStorage(dbUrl, logger);
  await storage.init();
  const queue = createQueue('local', { db: storage.db, logger, deadLetters: async () => undefined });
  await queue.init();
  const client = new MahakClient({
    baseUrl: syncUrl,
    user: 'demo',
    password: 'demo',
    logger,
    retry: { maxAttempts: 1 },
  });
  return {
    storage,
    queue,
    client,
    async round({ pageSize, overlap, runId }) {
      const deps = {
        source: client,
        storage,
        queue,
        logger,
        metrics: noopSyncMetrics,
        events: new SyncEvents(),
      };
      await fetchAllPages({ ...deps, pageSize, overlap, maxPagesInFlight: Number.POSITIVE_INFINITY }, runId);
      const pages = await drainPages(storage);
      for (const page of pages) await storage.applyPullPage(page);
      return pages;
    },
    async close() {
      await queue.close();
      await storage.close();
    },
  };
}

/** Takes the published pages off the local queue's table, in publish order. */
async function drainPages(storage: Storage): Promise<PullPage[]> {
  const rows = await storage.db.query<{ id: number; payload: string }>(
    'SELECT id, payload FROM queue_messages WHERE topic = ? ORDER BY id',
    [pullPagesTopic],
  );
  await storage.db.run('DELETE FROM queue_messages WHERE topic = ?', [pullPagesTopic]);
  return rows.map((r) => parsePullPage(JSON.parse(r.payload)));
}
