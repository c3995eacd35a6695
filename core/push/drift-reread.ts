import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import type { Storage } from '../store/storage.js';
import { fetchAllPages, type PullSource } from '../sync/pull-fetcher.js';
import { pullLockName } from '../sync/pull-run.js';
import type { SyncEvents } from '../sync/sync-events.js';
import type { SyncMetrics } from '../sync/sync-metrics.js';
import type { Mismatch } from './drift-solve.js';

export interface RereadDeps {
  storage: Storage;
  queue: Queue;
  source: PullSource;
  logger: Logger;
  metrics: SyncMetrics;
  events: SyncEvents;
  pageSize: number;
  owner: string;
  lockTtlMs: number;
  applyTimeoutMs?: number;
}

/**
 * For a Mahak that lists mismatches without re-queueing them (what SolveDispute does is undocumented,
 * API.md §5.1): the rows would never come back through the incremental pull when their RowVersion lies
 * below our checkpoint minus the overlap. So, under the pull lock, the entity is read again from just
 * below the lowest RowVersion Mahak named (our own when it named none): a wider window than the pull's
 * overlap, through the same queue and consumer (invariants 2, 3). Where our row carries a RowVersion
 * at or above Mahak's (so the monotonic upsert would keep ours), its guard is reset first: Mahak is the
 * source of truth for pulled entities.
 */
export async function rereadMismatches(
  deps: RereadDeps,
  runId: string,
  entity: PulledEntityName,
  mismatches: Mismatch[],
): Promise<number> {
  await acquire(deps);
  const renew = setInterval(
    () => {
      deps.storage.tryAcquireLock(pullLockName, deps.owner, deps.lockTtlMs).catch(() => undefined);
    },
    Math.max(500, deps.lockTtlMs / 3),
  );
  try {
    await markGone(
      deps,
      entity,
      mismatches.filter((m) => !m.exists),
    );
    const present = mismatches.filter((m) => m.exists);
    if (present.length === 0) return 0;
    const stale = present.filter((m) => m.mahakRowVersion === null || m.mahakRowVersion <= m.localRowVersion);
    await resetGuards(
      deps,
      entity,
      stale.map((m) => m.id),
    );
    const floor = Math.min(...present.map((m) => m.mahakRowVersion ?? m.localRowVersion)) - 1;
    const checkpoint = (await deps.storage.getCheckpoints())[entity] ?? 0;
    const pageRun = `${runId}:${entity}`;
    const fetched = await fetchAllPages(
      { ...deps, overlap: Math.max(0, checkpoint - Math.max(0, floor)), maxPagesInFlight: 4 },
      pageRun,
      [entity],
    );
    await waitApplied(deps, pageRun, fetched.pages);
    return fetched.pages;
  } finally {
    clearInterval(renew);
    await deps.storage.releaseLock(pullLockName, deps.owner).catch(() => undefined);
  }
}

async function acquire(deps: RereadDeps): Promise<void> {
  const giveUpAt = Date.now() + 30_000;
  while (!(await deps.storage.tryAcquireLock(pullLockName, deps.owner, deps.lockTtlMs))) {
    if (Date.now() > giveUpAt)
      throw new HamgamError('SYNC_ALREADY_RUNNING', 'Another puller holds the pull lock');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function resetGuards(deps: RereadDeps, entity: PulledEntityName, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await deps.storage.db.run(
    `UPDATE ${tableOf[entity]} SET row_version = 0 WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
}

/** Rows Mahak does not have at all are deleted logically in the store (invariant 4). */
export async function markGone(
  deps: { storage: Storage },
  entity: PulledEntityName,
  gone: Mismatch[],
): Promise<void> {
  if (gone.length === 0) return;
  await deps.storage.db.run(
    `UPDATE ${tableOf[entity]} SET deleted_at = ? WHERE deleted_at IS NULL AND id IN (${gone.map(() => '?').join(', ')})`,
    [Date.now(), ...gone.map((m) => m.id)],
  );
}

async function waitApplied(deps: RereadDeps, runId: string, pages: number): Promise<void> {
  const giveUpAt = Date.now() + (deps.applyTimeoutMs ?? 120_000);
  while ((await deps.storage.countAppliedPages(runId)) < pages) {
    if (Date.now() > giveUpAt)
      throw new HamgamError('QUEUE_UNAVAILABLE', 'The re-read pages were not applied in time', {
        runId,
        pages,
      });
    await new Promise((r) => setTimeout(r, 20));
  }
}
