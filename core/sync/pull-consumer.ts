import { toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Consumer, Queue } from '../queue/queue.js';
import type { PullPage, Storage } from '../store/storage.js';
import { parsePullPage, pullPagesTopic } from './pull-page-message.js';
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
}

/**
 * The consumer half of a pull: each page's rows and its checkpoint are committed in one transaction
 * by Storage.applyPullPage, and only then is the message acknowledged (the queue driver acks after the
 * handler resolves). A redelivered page is recognised and changes nothing.
 * Prefetch 1 keeps pages in order, so a checkpoint never runs ahead of a page still waiting.
 */
export function startPullConsumer(deps: PullConsumerDeps): Promise<Consumer> {
  return deps.queue.consume(
    pullPagesTopic,
    async (message) => applyPulledPage(deps, parsePullPage(message)),
    {
      prefetch: 1,
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
