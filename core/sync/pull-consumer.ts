import { toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Consumer, Queue } from '../queue/queue.js';
import type { PullPage, Storage } from '../store/storage.js';
import { parsePullPage, pullPagesTopic } from './pull-page-message.js';
import { KeyedLanes } from './keyed-lanes.js';
import type { SyncEvents } from './sync-events.js';
import type { SyncMetrics } from './sync-metrics.js';

export interface PullConsumerDeps {
  queue: Queue;
  storage: Storage;
  logger: Logger;
  metrics: SyncMetrics;
  events: SyncEvents;
  /** Deliveries of a page before the queue dead-letters it, and the backoff base (tests shorten it). */
  retry?: { maxAttempts?: number; retryBaseMs?: number };
  /** Pages applied at once on PostgreSQL (default pgApplyConcurrency); SQLite always applies one. */
  concurrency?: number;
}

/**
 * Pages in flight on PostgreSQL: each on its own pooled connection, at most one per entity. Measured
 * (docs/benchmarks.md, 2026-12-07 pg-pull): one page at a time left the machine half idle, waiting on
 * round trips and on the server's index work of one backend; beyond about four the two cores are full.
 */
export const pgApplyConcurrency = 4;

/**
 * The consumer half of a pull: each page's rows and its checkpoint are committed in one transaction
 * by Storage.applyPullPage, and only then is the message acknowledged (the queue driver acks after the
 * handler resolves). A redelivered page is recognised and changes nothing.
 *
 * An entity's pages are applied strictly one after another, in delivery order (a lane per entity), so
 * its frontier (pull-frontier.ts) sees every page before it committed. On PostgreSQL pages of different
 * entities are applied side by side (prefetch = concurrency, one lane each): they write different
 * tables, and what they share (the storefront state row, the catalogue version) is locked last and
 * briefly (pull-storefront-refresh.ts; docs/decisions.md, "pages of different entities in parallel").
 * SQLite has one writer anyway: prefetch 1, as before.
 */
export function startPullConsumer(deps: PullConsumerDeps): Promise<Consumer> {
  const concurrency =
    deps.storage.dialect === 'postgres' ? Math.max(1, deps.concurrency ?? pgApplyConcurrency) : 1;
  const lanes = new KeyedLanes();
  return deps.queue.consume(
    pullPagesTopic,
    async (message) => {
      const page = parsePullPage(message);
      await lanes.run(page.entity, () => applyPulledPage(deps, page));
    },
    {
      prefetch: concurrency,
      maxAttempts: 5,
      retryBaseMs: 500,
      ...deps.retry,
    },
  );
}

/**
 * Applies one page (rows + checkpoint in one transaction) and reports it: what the queue consumer does
 * with each message, and what the in-process hand-over (pull-page-handoff.ts) does with each page.
 */
export async function applyPulledPage(
  deps: Pick<PullConsumerDeps, 'storage' | 'metrics' | 'events'>,
  page: PullPage,
): Promise<void> {
  // A record the mapping refuses is quarantined, not a reason to fail (and re-fail) the page.
  const result = await deps.storage.applyPullPage(page, { quarantineInvalid: true }).catch((e: unknown) => {
    // Every failed delivery counts: a page that keeps failing shows as a steady error rate.
    deps.metrics.error('pull_page', toHamgamError(e).code);
    throw e;
  });
  if (result.quarantined) deps.metrics.pullQuarantined(page.entity, result.quarantined);
  if (!result.duplicate) deps.metrics.pullRecords(page.entity, page.records.length);
  deps.events.emit({
    type: 'page-applied',
    runId: page.runId,
    entity: page.entity,
    changed: result.changed,
    seq: page.seq,
    records: page.records.length,
  });
}
