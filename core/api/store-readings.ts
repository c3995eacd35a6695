import { pendingOutbox, type PendingOutboxState } from '../push/outbox-query.js';
import type { Queue } from '../queue/queue.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { pullPagesTopic } from '../sync/pull-page-message.js';
import { entityPullFacts, type EntityPullFacts } from '../sync/sync-status.js';

/** What the store says at scrape time; the same on every instance that shares the database. */
export interface StoreReadings {
  entities: EntityPullFacts[];
  outbox: Record<PendingOutboxState, { count: number; oldestAgeSeconds: number }>;
  deadLetters: number;
  /** Waiting messages by queue topic. */
  queueDepth: Record<string, number>;
}

export type StoreReader = () => Promise<StoreReadings>;

/**
 * Reads through the same queries as the desk's status screen (sync-status.ts) and the outbox screen,
 * so /metrics and the desk cannot disagree. Only the puller's memory would know the queue depth and
 * lag otherwise: another instance behind the same load balancer would report nothing.
 */
export function storeReaderOf(deps: { db: SqlExecutor; queue: Pick<Queue, 'depth'> }): StoreReader {
  return async () => {
    const now = Date.now();
    const [entities, outbox, dead, pages] = await Promise.all([
      entityPullFacts(deps.db, now),
      pendingOutbox(deps.db, now),
      deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM dead_letters'),
      deps.queue.depth(pullPagesTopic),
    ]);
    return {
      entities,
      outbox,
      deadLetters: Number(dead[0]?.n ?? 0),
      queueDepth: { [pullPagesTopic]: pages },
    };
  };
}

/**
 * One read shared by every gauge of a scrape (prom-client collects them side by side) and by scrapes
 * that come less than `ttlMs` after it finished (two Prometheus servers of an HA pair), so a scrape
 * costs one round of queries. A failed read is not kept: the next scrape tries again.
 */
export function sharedReader(read: StoreReader, ttlMs: number, now: () => number = Date.now): StoreReader {
  // `doneAt` stays undefined while the read runs: a read in flight is always shared.
  let last: { doneAt?: number; value: Promise<StoreReadings> } | undefined;
  return () => {
    if (!last || (last.doneAt !== undefined && now() - last.doneAt >= ttlMs)) {
      const entry: { doneAt?: number; value: Promise<StoreReadings> } = { value: read() };
      last = entry;
      entry.value.then(
        () => (entry.doneAt = now()),
        () => {
          if (last === entry) last = undefined;
        },
      );
    }
    return last.value;
  };
}
