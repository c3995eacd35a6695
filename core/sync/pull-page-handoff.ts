import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import type { PullPage, Storage } from '../store/storage.js';
import { applyPulledPage } from './pull-consumer.js';
import { pullPagesTopic } from './pull-page-message.js';
import type { SyncEvents } from './sync-events.js';
import type { SyncMetrics } from './sync-metrics.js';

export interface PageHandoffDeps {
  queue: Queue;
  storage: Storage;
  logger: Logger;
  metrics: SyncMetrics;
  events: SyncEvents;
  /** Pages fetched and not yet applied that may wait here (memory stays flat). */
  maxWaiting?: number;
}

/**
 * Hands pulled pages from the fetcher to the applier inside this process, when the queue is the local
 * one in the same database and this process runs its consumer (docs/decisions.md, "pulled pages skip
 * the local queue"). Nothing of invariant 2 rests on the queue: the page's rows and its checkpoint
 * still commit in one transaction (Storage.applyPullPage), the fetcher still moves no checkpoint, and a
 * page lost with the process (a crash before its commit) held its checkpoint back, so the next pull
 * reads it again. What the queue adds is the retries and the dead letter of a page that fails: a page
 * whose apply fails here is published to the queue, and its consumer takes it from there as before.
 *
 * Pages are applied one after the other, each started on a later turn of the event loop, so the
 * fetcher's next request is on the wire while a page is applied (fetch and apply overlap).
 */
export class PageHandoff {
  /** One promise per page not yet applied, oldest first; each starts when the one before it ends. */
  private readonly pending: Promise<void>[] = [];
  private failure: unknown;
  private readonly maxWaiting: number;

  constructor(private readonly deps: PageHandoffDeps) {
    this.maxWaiting = Math.max(1, deps.maxWaiting ?? 2);
  }

  /** Queues the page for applying; waits while maxWaiting pages are still ahead of it. */
  async submit(page: PullPage): Promise<void> {
    while (this.pending.length >= this.maxWaiting) await this.pending[0];
    this.rethrow();
    const previous = this.pending.at(-1) ?? Promise.resolve();
    const applied: Promise<void> = previous
      .then(nextTurn)
      .then(() => this.applyOrQueue(page))
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.pending.splice(this.pending.indexOf(applied), 1);
      });
    this.pending.push(applied);
  }

  /** Resolves once every submitted page is applied or on the queue; throws what stopped the hand-over. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.pending.at(-1);
    this.rethrow();
  }

  private async applyOrQueue(page: PullPage): Promise<void> {
    if (this.failure !== undefined) return;
    try {
      await applyPulledPage(this.deps, page);
    } catch (err) {
      this.deps.logger.warn(
        { err, entity: page.entity, seq: page.seq },
        'a pulled page failed to apply; it goes to the queue for its retries',
      );
      // If this publish fails too, the run fails (as a failed publish always did) and the page is
      // fetched again by the next pull: its checkpoint never moved.
      await this.deps.queue.publish(pullPagesTopic, page);
    }
  }

  private rethrow(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** After the current turn's I/O: the fetcher's next request is sent before a page's apply starts. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
