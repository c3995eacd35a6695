import { randomUUID } from 'node:crypto';
import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { HamgamError, isHamgamError } from '../errors.js';
import type { SyncRunRecord } from '../store/storage.js';
import type { PictureSyncRunner } from './picture-sync.js';
import { fetchAllPages, nextPageApplied, type FetchDeps } from './pull-fetcher.js';

export interface PullRunDeps extends FetchDeps {
  /** Identifies this process as lock owner. */
  instanceId: string;
  lockTtlMs: number;
  /** 0 = fail at once when another puller holds the lock (scheduled pulls); > 0 = wait that long. */
  lockWaitMs: number;
  /** How long to wait for the consumer to apply the last pages before the run is failed. */
  applyTimeoutMs: number;
  /** Downloads the pictures the pull changed, after the pages are applied (picture-sync.ts). */
  pictures?: PictureSyncRunner;
  /** Pull only these entities ("sync now" for one entity on the desk); all when absent. */
  entities?: PulledEntityName[];
}

export const pullLockName = 'pull';
const pageMarkerRetentionMs = 7 * 24 * 3600 * 1000;

/**
 * One pull: take the puller lock (one puller per database), fetch every entity's pages onto the queue,
 * wait until the consumer has applied them all, and record the run.
 */
export async function runPull(deps: PullRunDeps): Promise<SyncRunRecord> {
  await acquirePullLock(deps);
  const renew = setInterval(
    () => {
      deps.storage.tryAcquireLock(pullLockName, deps.instanceId, deps.lockTtlMs).catch(() => undefined);
    },
    Math.max(1000, deps.lockTtlMs / 3),
  );
  const run: SyncRunRecord = {
    id: randomUUID(),
    kind: 'pull',
    startedAt: Date.now(),
    status: 'running',
    stats: {},
  };
  const log = deps.logger.child({ runId: run.id, component: 'pull' });
  try {
    await deps.storage.recordRun(run);
    deps.events.emit({
      type: 'run-started',
      runId: run.id,
      kind: 'pull',
      ...(deps.entities ? { entities: deps.entities } : {}),
    });
    const fetched = await fetchAllPages({ ...deps, logger: log }, run.id, deps.entities);
    await waitUntilApplied(deps, run.id, fetched.pages);
    // Page markers only need to outlive queue redeliveries; a replayed page without its marker changes
    // nothing anyway (monotonic upsert, checkpoint never backwards). A week keeps them for inspection.
    await deps.storage.prunePullPages(Date.now() - pageMarkerRetentionMs);
    // Pictures: still under the pull lock (one downloader per database). Its failures are counted in
    // stats.pictures and the dead letters; they do not fail the run (the rows are already committed).
    const pictures = await deps.pictures?.run({ runId: run.id, events: deps.events, logger: log });
    return await finish(deps, {
      ...run,
      status: 'ok',
      stats: { ...fetched, ...(pictures ? { pictures } : {}) },
    });
  } catch (e) {
    log.error({ err: e }, 'pull failed');
    await finish(deps, { ...run, status: 'failed', error: (e as Error).message }, e);
    throw e;
  } finally {
    clearInterval(renew);
    await deps.storage.releaseLock(pullLockName, deps.instanceId).catch(() => undefined);
  }
}

async function acquirePullLock(deps: PullRunDeps): Promise<void> {
  const giveUpAt = Date.now() + deps.lockWaitMs;
  while (!(await deps.storage.tryAcquireLock(pullLockName, deps.instanceId, deps.lockTtlMs))) {
    if (Date.now() >= giveUpAt)
      throw new HamgamError('SYNC_ALREADY_RUNNING', 'Another puller holds the pull lock');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function finish(
  deps: PullRunDeps,
  run: SyncRunRecord & { status: 'ok' | 'failed' },
  failure?: unknown,
): Promise<SyncRunRecord> {
  const done = { ...run, finishedAt: Date.now() };
  await deps.storage.recordRun(done);
  deps.metrics.syncRun('pull', done.status);
  if (done.status === 'ok') deps.metrics.lastSuccess('pull', Math.floor(done.finishedAt / 1000));
  deps.events.emit({
    type: 'run-finished',
    runId: done.id,
    kind: 'pull',
    status: done.status,
    stats: done.stats,
    error: done.error,
    ...(isHamgamError(failure) ? { errorCode: failure.code, errorDetails: failure.details } : {}),
  });
  return done;
}

/**
 * The run is done when every published page is applied; a stalled consumer fails the run. Woken by the
 * consumer's events instead of re-counting the pages every few milliseconds.
 */
async function waitUntilApplied(deps: PullRunDeps, runId: string, pages: number): Promise<void> {
  let applied = await deps.storage.countAppliedPages(runId);
  let lastProgress = Date.now();
  while (applied < pages) {
    if (Date.now() - lastProgress > deps.applyTimeoutMs) {
      throw new HamgamError('QUEUE_UNAVAILABLE', `Only ${applied} of ${pages} pages were applied`, {
        applied,
        pages,
      });
    }
    await nextPageApplied(deps.events, runId);
    const now = await deps.storage.countAppliedPages(runId);
    if (now > applied) lastProgress = Date.now();
    applied = now;
  }
}
