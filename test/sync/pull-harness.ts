import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { PullPage, Storage } from '../../core/store/storage.js';
import { fetchAllPages, type FetchDeps, type FetchResult } from '../../core/sync/pull-fetcher.js';
import { parsePullPage, pullPagesTopic } from '../../core/sync/pull-page-message.js';
import { SyncEvents } from '../../core/sync/sync-events.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';

/**
 * A store whose pages are fetched by the real fetcher onto a real queue (local table or RabbitMQ) and
 * taken off it by the test, so a test can capture, reorder and replay them.
 */
export interface Harness {
  storage: Storage;
  queue: Queue;
  client: MahakClient;
  /** One pull round from the store's checkpoints; returns the pages, applied in order. */
  round(options: RoundOptions): Promise<PullPage[]>;
  /** What the fetcher reported for the last round. */
  lastFetch?: FetchResult;
  close(): Promise<void>;
}

export interface RoundOptions extends Partial<
  Pick<FetchDeps, 'window' | 'monitor' | 'maxPageSize' | 'startAt' | 'onPage'>
> {
  pageSize: number;
  overlap: number;
  runId: string;
}

export interface HarnessDrivers {
  dbUrl?: string;
  queueUrl?: string;
  namespace?: string;
}

export async function createHarness(
  syncUrl: string,
  drivers: HarnessDrivers = {},
  clock?: () => number,
): Promise<Harness> {
  const logger = createSilentLogger();
  const storage = createStorage(drivers.dbUrl ?? 'sqlite::memory:', logger, clock ? { now: clock } : {});
  await storage.init();
  const queue = createQueue(drivers.queueUrl ?? 'local', {
    db: storage.db,
    logger,
    deadLetters: async () => undefined,
    namespace: drivers.namespace,
  });
  await queue.init();
  const client = new MahakClient({
    baseUrl: syncUrl,
    user: 'demo',
    password: 'demo',
    logger,
    retry: { maxAttempts: 1 },
  });
  const harness: Harness = {
    storage,
    queue,
    client,
    async round({ pageSize, overlap, runId, ...more }) {
      const deps = {
        source: client,
        storage,
        queue,
        logger,
        metrics: noopSyncMetrics,
        events: new SyncEvents(),
      };
      const fetched = await fetchAllPages(
        { ...deps, pageSize, overlap, maxPagesInFlight: Number.POSITIVE_INFINITY, ...more },
        runId,
      );
      harness.lastFetch = fetched;
      const pages = await takePages(queue, fetched.pages);
      for (const page of pages) await storage.applyPullPage(page, { quarantineInvalid: true });
      return pages;
    },
    async close() {
      await queue.close();
      await storage.close();
    },
  };
  return harness;
}

/** Consumes exactly `count` pages off the queue, in delivery order. */
async function takePages(queue: Queue, count: number): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  if (count === 0) return pages;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = await queue.consume(pullPagesTopic, async (message) => {
    pages.push(parsePullPage(message));
    if (pages.length === count) done();
  });
  await all;
  await consumer.stop();
  return pages.sort((a, b) => a.seq - b.seq);
}
