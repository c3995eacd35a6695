import { pulledEntities, pulledEntityNames, type PulledEntityName } from '../contracts/mahak-wire.js';
import type { GetAllDataResult, QuarantinedRecord } from '../mahak/mahak-client.js';
import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import type { Storage } from '../store/storage.js';
import { advanceCursor, startCursor, type EntityCursor } from './pull-paging.js';
import { pullPagesTopic } from './pull-page-message.js';
import type { SyncEvents } from './sync-events.js';
import type { SyncMetrics } from './sync-metrics.js';

export interface PullSource {
  getAllData(request: {
    cursors: Partial<Record<string, number>>;
    pageSize?: number;
  }): Promise<GetAllDataResult>;
}

export interface FetchDeps {
  source: PullSource;
  storage: Storage;
  queue: Queue;
  logger: Logger;
  metrics: SyncMetrics;
  events: SyncEvents;
  pageSize: number;
  overlap: number;
  /** Pages published but not yet applied before the fetcher waits (backpressure keeps memory flat). */
  maxPagesInFlight: number;
}

export interface FetchResult {
  pages: number;
  records: Record<string, number>;
  quarantined: number;
}

/**
 * The fetcher half of a pull: reads pages from Mahak and publishes them to the queue. It never moves a
 * checkpoint itself (invariant 2): the consumer commits rows and checkpoint together.
 * All active entities are asked for in one GetAllData call per round (one cursor each, API.md §3.1).
 */
export async function fetchAllPages(
  deps: FetchDeps,
  runId: string,
  entities = pulledEntityNames,
): Promise<FetchResult> {
  const checkpoints = await deps.storage.getCheckpoints();
  const cursors = new Map<PulledEntityName, EntityCursor>(
    entities.map((e) => [e, startCursor(checkpoints[e], deps.overlap, deps.pageSize)]),
  );
  const result: FetchResult = { pages: 0, records: {}, quarantined: 0 };
  while ([...cursors.values()].some((c) => !c.done)) {
    await waitForRoom(deps, runId, result.pages);
    const active = [...cursors].filter(([, c]) => !c.done);
    // Every active entity shares one request, so the request uses the largest page any of them needs.
    const pageSize = Math.max(...active.map(([, c]) => c.pageSize));
    const response = await deps.source.getAllData({
      cursors: Object.fromEntries(active.map(([e, c]) => [pulledEntities[e].collection, c.from])),
      pageSize,
    });
    await recordQuarantined(deps, response.quarantined);
    for (const [entity, cursor] of active) {
      const page = await publishEntityPage(deps, runId, result, entity, { ...cursor, pageSize }, response);
      cursors.set(entity, page);
    }
  }
  return result;
}

async function publishEntityPage(
  deps: FetchDeps,
  runId: string,
  result: FetchResult,
  entity: PulledEntityName,
  cursor: EntityCursor,
  response: GetAllDataResult,
): Promise<EntityCursor> {
  const records = response.records[pulledEntities[entity].collection] ?? [];
  const badVersions = response.quarantined
    .filter((q) => q.entity === entity)
    .map((q) => rowVersionOf(q.payload));
  const versions = [
    ...records.map((r) => r.RowVersion as number),
    ...badVersions.filter((v): v is number => v !== undefined),
  ];
  const next = advanceCursor(cursor, versions);
  if (records.length > 0) {
    const seq = result.pages++;
    await deps.queue.publish(pullPagesTopic, { runId, seq, entity, records, checkpoint: next.maxSeen });
    deps.metrics.pullPages(entity);
    deps.events.emit({
      type: 'page-fetched',
      runId,
      entity,
      records: records.length,
      quarantined: badVersions.length,
      seq,
    });
  }
  result.records[entity] = (result.records[entity] ?? 0) + records.length;
  if (next.done) deps.events.emit({ type: 'entity-fetched', runId, entity, records: result.records[entity] });
  return next;
}

async function recordQuarantined(deps: FetchDeps, quarantined: QuarantinedRecord[]): Promise<void> {
  for (const q of quarantined) {
    await deps.storage.addDeadLetter({
      source: 'pull',
      kind: q.entity,
      payload: q.payload,
      reason: q.reason,
      attempts: 1,
    });
    deps.metrics.pullQuarantined(q.entity, 1);
  }
  if (quarantined.length)
    deps.logger.warn({ count: quarantined.length }, 'quarantined invalid Mahak records');
}

/** A quarantined record may still carry a usable RowVersion; the cursor must move past it too. */
function rowVersionOf(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const entry = Object.entries(payload).find(([k]) => k.toLowerCase() === 'rowversion');
  const value = Number(entry?.[1]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * Backpressure: at most maxPagesInFlight pages published and not yet applied, so neither the queue nor
 * this process ever holds more than a few pages (memory stays flat as the catalogue grows). A consumer
 * in this process wakes us through the events; one in another process is seen by polling.
 */
async function waitForRoom(deps: FetchDeps, runId: string, published: number): Promise<void> {
  while (published - (await deps.storage.countAppliedPages(runId)) >= deps.maxPagesInFlight) {
    await nextPageApplied(deps.events, runId);
  }
}

/**
 * Resolves when a page of the run is applied in this process (the consumer's event), or after
 * `pollMs` so a consumer in another process is still noticed by the caller's re-count.
 */
export function nextPageApplied(events: SyncEvents, runId: string, pollMs = 100): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, pollMs);
    const off = events.on((e) => {
      if (e.type === 'page-applied' && e.runId === runId) done();
    });
    function done() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}
