import { pulledEntities, pulledEntityNames, type PulledEntityName } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import type { QuarantinedRecord } from '../mahak/mahak-client.js';
import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import type { Storage } from '../store/storage.js';
import { quarantineKey } from '../store/sync-record-repo.js';
import { PageBuffer } from './pull-page-buffer.js';
import type { PageHandoff } from './pull-page-handoff.js';
import { startCursor, type EntityCursor, type PagingViolation } from './pull-paging.js';
import { pullPagesTopic } from './pull-page-message.js';
import { PagingMonitor, readPaged, type PullSource, type ReadPage } from './pull-reader.js';
import { SettledPages } from './pull-settled-pages.js';
import { windowStarts, type PullWindow } from './pull-window.js';
import type { SyncEvents } from './sync-events.js';
import type { SyncMetrics } from './sync-metrics.js';

export type { PullSource } from './pull-reader.js';

export interface FetchDeps {
  source: PullSource;
  storage: Storage;
  queue: Queue;
  logger: Logger;
  metrics: SyncMetrics;
  events: SyncEvents;
  pageSize: number;
  /** Extra RowVersions re-read below where the window starts (HAMGAM_PULL_OVERLAP). */
  overlap: number;
  /** The time window (pull-window.ts); without it a run starts at the checkpoint itself. */
  window?: PullWindow;
  /** Per-entity start overriding the window (a drift re-read, a reconciliation from 0). */
  startAt?: Partial<Record<PulledEntityName, number>>;
  /** Pages published but not yet settled before the fetcher waits (backpressure keeps memory flat). */
  maxPagesInFlight: number;
  /** How long the fetcher waits for room without any page being settled before it fails the run. */
  roomTimeoutMs?: number;
  /** What this process learnt about Mahak's paging; a fresh one when absent. */
  monitor?: PagingMonitor;
  maxPageSize?: number;
  /** Sees every page before it is published (the reconciliation collects ids here). */
  onPage?: (page: ReadPage) => Promise<void>;
  /** Pages go to this process's applier instead of the queue (pull-page-handoff.ts). */
  handoff?: PageHandoff;
  /** The run's settled pages (the caller's, so its wait for the end shares the reports). */
  settled?: SettledPages;
  /** The process's shutdown (SyncEngine.stop): the read stops at once, leaving the checkpoints as they are. */
  signal?: AbortSignal;
  /** A first load: pages leave the storefront read rows to the run's end (pull-storefront-refresh.ts). */
  deferStorefront?: boolean;
}

export interface FetchResult {
  pages: number;
  records: Record<string, number>;
  quarantined: number;
  /** Entities read without pageSize because Mahak broke the paging contract, with how. */
  pagingFallbacks?: Record<string, PagingViolation[]>;
}

/**
 * The fetcher half of a pull: reads pages from Mahak and publishes them to the queue. It never moves a
 * checkpoint itself (invariant 2): the consumer commits rows and checkpoint together. Each entity's
 * pages are chained (prevSeq) so the consumer moves the checkpoint only over a contiguous run of them.
 */
export async function fetchAllPages(
  deps: FetchDeps,
  runId: string,
  entities = pulledEntityNames,
): Promise<FetchResult> {
  const monitor = deps.monitor ?? new PagingMonitor();
  const checkpoints = await deps.storage.getCheckpoints();
  const starts = await windowStarts(deps.storage, checkpoints, deps.window);
  const cursors = new Map<string, EntityCursor>(
    entities.map((e) => {
      const from = (deps.startAt?.[e] ?? starts[e] ?? 0) - deps.overlap;
      const cursor = startCursor(from, deps.pageSize, { checkpoint: checkpoints[e], mode: monitor.mode(e) });
      return [pulledEntities[e].collection, cursor];
    }),
  );
  const result: FetchResult = { pages: 0, records: {}, quarantined: 0 };
  const lastSeq = new Map<string, number>();
  const buffer = new PageBuffer(
    deps.pageSize,
    (collection, row) => row[pulledEntities[collection as PulledEntityName].idField],
  );
  const settled = deps.settled ?? new SettledPages(deps.storage, deps.events, runId);
  try {
    await readPaged(
      {
        source: deps.source,
        logger: deps.logger,
        monitor,
        maxPageSize: deps.maxPageSize,
        signal: deps.signal,
        beforeRequest: () => waitForRoom(deps, settled, runId, result.pages),
      },
      cursors,
      async (page) => {
        await deps.onPage?.(page);
        await publishPage(deps, runId, result, lastSeq, page, buffer);
      },
    );
  } finally {
    if (!deps.settled) settled.close();
  }
  const fallbacks = Object.entries(monitor.fallbacks()).filter(([c]) => cursors.has(c));
  if (fallbacks.length > 0) result.pagingFallbacks = Object.fromEntries(fallbacks);
  return result;
}

async function publishPage(
  deps: FetchDeps,
  runId: string,
  result: FetchResult,
  lastSeq: Map<string, number>,
  page: ReadPage,
  buffer: PageBuffer,
): Promise<void> {
  const entity = page.collection as PulledEntityName;
  await recordQuarantined(deps, entity, page.quarantined);
  result.quarantined += page.quarantined.length;
  // A response Mahak sent unpaged (or larger than asked) still travels in pages of pageSize rows.
  for (const chunk of buffer.take(page)) {
    const seq = result.pages++;
    const prevSeq = lastSeq.get(entity) ?? -1;
    lastSeq.set(entity, seq);
    const records = chunk.rows;
    const out = {
      runId,
      seq,
      entity,
      records,
      checkpoint: chunk.checkpoint,
      prevSeq,
      ...(deps.deferStorefront && { deferStorefront: true }),
    };
    if (deps.handoff) await deps.handoff.submit(out);
    else await deps.queue.publish(pullPagesTopic, out);
    deps.metrics.pullPages(entity);
    deps.events.emit({
      type: 'page-fetched',
      runId,
      entity,
      records: records.length,
      quarantined: page.quarantined.length,
      seq,
    });
  }
  result.records[entity] = (result.records[entity] ?? 0) + page.rows.length;
  if (page.after.done)
    deps.events.emit({ type: 'entity-fetched', runId, entity, records: result.records[entity] });
}

/** Quarantined at the door (invalid wire records): one dead letter per record and RowVersion, ever. */
async function recordQuarantined(deps: FetchDeps, entity: string, quarantined: QuarantinedRecord[]) {
  for (const q of quarantined) {
    await deps.storage.addDeadLetter({
      source: 'pull',
      kind: q.entity,
      payload: q.payload,
      reason: q.reason,
      attempts: 1,
      dedupeKey: quarantineKey(entity, q.payload),
    });
    deps.metrics.pullQuarantined(q.entity, 1);
  }
  if (quarantined.length)
    deps.logger.warn({ entity, count: quarantined.length }, 'quarantined invalid Mahak records');
}

/**
 * Backpressure: at most maxPagesInFlight pages published and not yet settled, so neither the queue nor
 * this process ever holds more than a few pages (memory stays flat as the catalogue grows). A consumer
 * in this process wakes us through the events; one in another process is seen by polling. A consumer
 * that settles nothing for roomTimeoutMs (stopped, or a page retried over and over) fails the run.
 */
async function waitForRoom(
  deps: FetchDeps,
  settled: SettledPages,
  runId: string,
  published: number,
): Promise<void> {
  if (published - settled.count < deps.maxPagesInFlight) return;
  let count = await settled.recount();
  let progressAt = Date.now();
  const timeoutMs = deps.roomTimeoutMs ?? 120_000;
  while (published - count >= deps.maxPagesInFlight) {
    if (Date.now() - progressAt > timeoutMs) {
      throw new HamgamError(
        'PULL_STALLED',
        `No pulled page was applied for ${Math.round(timeoutMs / 1000)} s (${published - count} waiting): ` +
          'the queue consumer is stopped, or a page keeps failing (see the dead letters)',
        { runId, published, settled: count, timeoutMs },
      );
    }
    const now = await settled.next();
    if (now > count) progressAt = Date.now();
    count = now;
  }
}
