import { randomUUID } from 'node:crypto';
import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { HamgamError, isHamgamError, toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SyncRunRecord } from '../store/storage.js';
import type { PictureSyncRunner } from './picture-sync.js';
import { fetchAllPages, type FetchDeps } from './pull-fetcher.js';
import { PageHandoff } from './pull-page-handoff.js';
import { ReconcileCollector } from './pull-reconcile.js';
import { SettledPages } from './pull-settled-pages.js';
import { previousPullStart } from './pull-window.js';

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
  /** The re-read window in time (pull-window.ts, HAMGAM_PULL_WINDOW_MINUTES); 0 = none. */
  windowMs?: number;
  /** Clock of the run (tests move it to exercise the window). */
  now?: () => number;
  /** A full reconciliation instead of an incremental pull (pull-reconcile.ts); every entity. */
  reconcile?: boolean;
  /**
   * Apply pages in this process instead of sending them through the queue (pull-page-handoff.ts): only
   * when the queue is the local one and this process runs its consumer (for the pages that fail).
   */
  applyInProcess?: boolean;
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
  const now = deps.now ?? Date.now;
  const run: SyncRunRecord = {
    id: randomUUID(),
    kind: 'pull',
    startedAt: now(),
    status: 'running',
    stats: {},
  };
  const log = deps.logger.child({ runId: run.id, component: 'pull' });
  const settled = new SettledPages(deps.storage, deps.events, run.id);
  try {
    await deps.storage.recordRun(run);
    deps.events.emit({
      type: 'run-started',
      runId: run.id,
      kind: 'pull',
      ...(deps.entities ? { entities: deps.entities } : {}),
    });
    const window = { ms: deps.windowMs ?? 0, from: await previousPullStart(deps.storage, run.startedAt) };
    const collector = deps.reconcile ? new ReconcileCollector() : undefined;
    const handoff = deps.applyInProcess ? new PageHandoff({ ...deps, logger: log }) : undefined;
    const deferStorefront = (await deps.storage.isFirstStorefrontLoad?.()) ?? false;
    const fetched = await fetchAllPages(
      {
        ...deps,
        logger: log,
        window,
        settled,
        deferStorefront,
        ...(handoff && { handoff }),
        ...(collector && { startAt: collector.startAt(), onPage: collector.onPage }),
      },
      run.id,
      collector ? undefined : deps.entities,
    ).finally(() => handoff?.drain().catch(() => undefined));
    await handoff?.drain();
    await waitUntilApplied(deps, settled, fetched.pages);
    await refreshStatisticsAfterLoad(deps, fetched.records, log);
    // Every page is settled: the read rows a first load deferred (or a crashed one left) are built now,
    // before a held page can fail the run, since the applied pages are committed either way.
    await completeStorefrontRows(deps, log);
    await failOnDeadPages(deps, run.id);
    // Only after every page is applied and none is held: a partial read must never unpublish anything.
    const reconcile = await collector?.settle(deps.storage, run.id, now(), log);
    if (reconcile) log.info({ reconcile }, 'reconciliation finished');
    // Page markers only need to outlive queue redeliveries; a replayed page without its marker changes
    // nothing anyway (monotonic upsert, checkpoint never backwards). A week keeps them for inspection.
    // The history a later window may still need (from before the previous pull, after an outage) stays.
    await deps.storage.prunePullPages(Math.min(Date.now() - pageMarkerRetentionMs, window.from - window.ms));
    // Pictures: still under the pull lock (one downloader per database). Its failures are counted in
    // stats.pictures and the dead letters; they do not fail the run (the rows are already committed).
    const pictures = await deps.pictures?.run({ runId: run.id, events: deps.events, logger: log });
    return await finish(deps, {
      ...run,
      status: 'ok',
      // A pull of some entities only is no reference for the next pull's window (pull-window.ts).
      stats: {
        ...fetched,
        ...(pictures ? { pictures } : {}),
        ...(reconcile ? { reconcile } : {}),
        ...(deps.entities && !collector ? { entities: deps.entities } : {}),
      },
    });
  } catch (e) {
    log.error({ err: e }, 'pull failed');
    // Read rows a first load deferred stay owed (the storefront says it is preparing them): built by
    // the next run that completes or the next start, not here, where a shutdown must not wait for them.
    await finish(deps, { ...run, status: 'failed', error: (e as Error).message }, e);
    throw e;
  } finally {
    settled.close();
    clearInterval(renew);
    await deps.storage.releaseLock(pullLockName, deps.instanceId).catch(() => undefined);
  }
}

/** Records in one run past which the planner's statistics are refreshed (a first pull, a big change). */
export const statisticsRefreshRecords = 5_000;

async function refreshStatisticsAfterLoad(
  deps: PullRunDeps,
  records: Partial<Record<string, number>>,
  log: Logger,
): Promise<void> {
  const total = Object.values(records).reduce<number>((a, b) => a + (b ?? 0), 0);
  if (total < statisticsRefreshRecords || !deps.storage.refreshPlannerStatistics) return;
  // The rows are committed: a failure here costs speed, never data, so it does not fail the run.
  await deps.storage
    .refreshPlannerStatistics()
    .catch((e: unknown) => log.warn({ err: e }, 'planner statistics not refreshed after the pull'));
}

async function completeStorefrontRows(deps: PullRunDeps, log: Logger): Promise<void> {
  try {
    const started = Date.now();
    if (await deps.storage.completeStorefrontRows?.())
      log.info({ ms: Date.now() - started }, 'storefront read rows built after the load');
  } catch (e) {
    // Still owed (the flag stays set): the next start or the next pull builds them.
    log.warn({ err: e }, 'storefront read rows not built after the pull');
  }
}

/**
 * Pages the queue gave up on hold their entity's checkpoint back (pull-frontier.ts); the run says so
 * instead of passing for complete. They wait in the dead letters for staff to retry or discard.
 */
async function failOnDeadPages(deps: PullRunDeps, runId: string): Promise<void> {
  const dead = await deps.storage.deadPullPages(runId);
  if (dead.length === 0) return;
  const entities = [...new Set(dead.map((d) => d.entity))];
  throw new HamgamError(
    'PULL_PAGES_HELD',
    `${dead.length} pulled page(s) of ${entities.join(', ')} could not be applied; their checkpoints stay ` +
      'where they were until staff retry or discard the dead letters',
    { runId, entities, pages: dead.map((d) => d.seq) },
  );
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
  const done = { ...run, finishedAt: (deps.now ?? Date.now)() };
  await deps.storage.recordRun(done);
  deps.metrics.syncRun('pull', done.status);
  if (done.status === 'failed') deps.metrics.error('pull', toHamgamError(failure).code);
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
 * The run is done when every published page is settled; a stalled consumer fails the run. Woken by the
 * consumer's reports instead of re-counting the pages every few milliseconds.
 */
async function waitUntilApplied(deps: PullRunDeps, settled: SettledPages, pages: number): Promise<void> {
  let applied = await settled.recount();
  let lastProgress = Date.now();
  while (applied < pages) {
    if (Date.now() - lastProgress > deps.applyTimeoutMs) {
      throw new HamgamError('QUEUE_UNAVAILABLE', `Only ${applied} of ${pages} pages were applied`, {
        applied,
        pages,
      });
    }
    const now = await settled.next();
    if (now > applied) lastProgress = Date.now();
    applied = now;
  }
}
