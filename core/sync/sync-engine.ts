import { randomUUID } from 'node:crypto';
import type { PulledEntityName } from '../contracts/mahak-wire.js';
import schedule from 'node-schedule';
import type { Logger } from '../logging/logger.js';
import type { Consumer, Queue } from '../queue/queue.js';
import type { Storage, SyncRunRecord } from '../store/storage.js';
import { HamgamError, isHamgamError } from '../errors.js';
import type { PictureSyncRunner } from './picture-sync.js';
import type { PullSource } from './pull-fetcher.js';
import { startPullConsumer } from './pull-consumer.js';
import { PagingMonitor } from './pull-reader.js';
import { runPull } from './pull-run.js';
import { SyncEvents } from './sync-events.js';
import type { SyncMetrics } from './sync-metrics.js';

export interface SyncEngineOptions {
  pageSize: number;
  overlap: number;
  /** The re-read window in time (pull-window.ts); 0 = none. */
  windowMs?: number;
  /** Largest page the pull may ask for when rows share one RowVersion (pull-paging.ts). */
  maxPageSize?: number;
  /** How long the fetcher waits for the consumer to make room before the run fails. */
  roomTimeoutMs?: number;
  /** Deliveries of a pulled page before the queue dead-letters it (default 5, backoff from 500 ms). */
  consumerRetry?: { maxAttempts?: number; retryBaseMs?: number };
  pullSchedule?: string;
  /** The full reconciliation (pull-reconcile.ts); runs while the pull schedule is on. Empty = never. */
  reconcileSchedule?: string;
  maxPagesInFlight?: number;
  lockTtlMs?: number;
  applyTimeoutMs?: number;
}

export interface PullNowOptions {
  /** How long to wait for another puller (e.g. a crashed one's lease) to let go. */
  waitForLockMs?: number;
  /** Pull only these (the desk's per-entity "sync now"). */
  entities?: PulledEntityName[];
}

export interface SyncEngineDeps {
  storage: Storage;
  queue: Queue;
  source: PullSource;
  logger: Logger;
  metrics: SyncMetrics;
  options: SyncEngineOptions;
  instanceId?: string;
  /** Picture downloads after each successful pull (picture-sync.ts); none when absent. */
  pictures?: PictureSyncRunner;
}

/**
 * The engine: consumers, the schedule and "sync now". One pull at a time per process (a second
 * request joins the running one); one puller per database through the storage lock.
 */
export class SyncEngine {
  readonly events = new SyncEvents();
  readonly instanceId: string;
  /** What this process learnt about Mahak's paging, kept across runs (pull-reader.ts). */
  readonly paging = new PagingMonitor();
  private consumers: Consumer[] = [];
  private pullJob?: schedule.Job;
  private reconcileJob?: schedule.Job;
  private running?: Promise<SyncRunRecord>;
  /** Aborted by stop(): a run waiting between GetAllData attempts ends at once as interrupted. */
  private stopping = new AbortController();

  constructor(private readonly deps: SyncEngineDeps) {
    this.instanceId = deps.instanceId ?? `hamgam-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Starts the queue consumers; with `schedule`, also the periodic pull. */
  async start(options: { schedule?: boolean } = {}): Promise<void> {
    this.consumers.push(
      await startPullConsumer({ ...this.deps, events: this.events, retry: this.deps.options.consumerRetry }),
    );
    if (options.schedule) this.setSchedule(this.deps.options.pullSchedule);
  }

  /**
   * (Re)schedules the periodic pull; undefined stops it. The desk's settings call this when the
   * schedule changes, so no restart is needed. False when node-schedule cannot read the line.
   */
  setSchedule(cron: string | undefined): boolean {
    this.pullJob?.cancel();
    this.reconcileJob?.cancel();
    this.pullJob = this.reconcileJob = undefined;
    if (!cron) return true;
    this.pullJob = schedule.scheduleJob(cron, () => void this.scheduled(() => this.pullNow())) ?? undefined;
    const nightly = this.deps.options.reconcileSchedule;
    if (nightly) {
      this.reconcileJob =
        schedule.scheduleJob(nightly, () => void this.scheduled(() => this.reconcileNow())) ?? undefined;
      if (!this.reconcileJob)
        this.deps.logger.error({ cron: nightly }, 'the reconcile schedule cannot be read');
    }
    return this.pullJob !== undefined;
  }

  /** When the scheduled pull runs next (none when unscheduled). */
  get nextScheduledPull(): Date | undefined {
    return this.pullJob?.nextInvocation() ?? undefined;
  }

  get isPulling(): boolean {
    return this.running !== undefined;
  }

  /**
   * `waitForLockMs`: how long to wait for another puller (e.g. a crashed one's lease) to let go.
   * `entities`: pull only these (the desk's per-entity "sync now"); a call while a pull runs joins it.
   */
  pullNow(options: PullNowOptions = {}): Promise<SyncRunRecord> {
    this.running ??= this.startRun(options);
    return this.running;
  }

  /**
   * The full reconciliation (pull-reconcile.ts): after a pull already running, never joined with it
   * (a joined incremental pull would not have read everything).
   */
  async reconcileNow(options: { waitForLockMs?: number } = {}): Promise<SyncRunRecord> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.startRun({ ...options, reconcile: true });
    return this.running;
  }

  private startRun(options: PullNowOptions & { reconcile?: boolean }): Promise<SyncRunRecord> {
    return runPull({
      ...this.deps,
      events: this.events,
      instanceId: this.instanceId,
      pageSize: this.deps.options.pageSize,
      overlap: this.deps.options.overlap,
      maxPagesInFlight: this.deps.options.maxPagesInFlight ?? 8,
      lockTtlMs: this.deps.options.lockTtlMs ?? 15_000,
      lockWaitMs: options.waitForLockMs ?? 0,
      applyTimeoutMs: this.deps.options.applyTimeoutMs ?? 120_000,
      ...(options.entities ? { entities: options.entities } : {}),
      ...(options.reconcile ? { reconcile: true } : {}),
      roomTimeoutMs: this.deps.options.roomTimeoutMs ?? this.deps.options.applyTimeoutMs ?? 120_000,
      windowMs: this.deps.options.windowMs ?? 0,
      maxPageSize: this.deps.options.maxPageSize,
      monitor: this.paging,
      signal: this.stopping.signal,
      // The local queue lives in the store's own database: with its consumer here, pages skip it.
      applyInProcess: this.deps.queue.kind === 'local' && this.consumers.length > 0,
    }).finally(() => {
      this.running = undefined;
    });
  }

  async stop(): Promise<void> {
    this.setSchedule(undefined);
    // The run's pages already read are applied and its checkpoints stay where they are, as after any
    // failed run; the next start resumes from there. A fresh controller for a later start.
    const stopping = this.stopping;
    this.stopping = new AbortController();
    stopping.abort(new HamgamError('PULL_INTERRUPTED'));
    await this.running?.catch(() => undefined);
    await Promise.all(this.consumers.map((c) => c.stop()));
    this.consumers = [];
  }

  private async scheduled(run: () => Promise<SyncRunRecord>): Promise<void> {
    try {
      await run();
    } catch (e) {
      // Another instance holding the lock is the normal multi-instance case, not an error.
      const level = isHamgamError(e) && e.code === 'SYNC_ALREADY_RUNNING' ? 'info' : 'error';
      this.deps.logger[level]({ err: e }, 'scheduled pull did not complete');
    }
  }
}
