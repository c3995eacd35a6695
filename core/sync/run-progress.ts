import type { RunProgress, SyncEntity, SyncStreamEvent } from '../contracts/admin-sync.js';
import type { Logger } from '../logging/logger.js';
import type { SqlExecutor } from '../store/sql-db.js';
import {
  applyEvent,
  newRunState,
  orderedEntities,
  rateOf,
  scopeText,
  toProgressView,
  totalsOf,
  updateFraction,
  type RunState,
} from './run-progress-state.js';
import { pruneJournals, saveJournal } from './run-journal-repo.js';
import type { SyncEvent, SyncEvents } from './sync-events.js';

export type ProgressListener = (event: SyncStreamEvent) => void;

export interface RunProgressOptions {
  events: SyncEvents;
  db: SqlExecutor;
  logger: Logger;
  /** Deltas are coalesced to at most one per this many ms (pages can arrive by the hundred per second). */
  throttleMs?: number;
  now?: () => number;
}

/**
 * The pull run going on, as the desk sees it. It lives on the server so a reloaded page picks the
 * progress up again: a listener gets a snapshot first, then coalesced deltas, then `finished`.
 * Each run's counts and notable log lines are journalled (table sync_run_journal) at its start and end.
 */
export class RunProgressTracker {
  private current?: RunState;
  private last?: RunState;
  private readonly listeners = new Set<ProgressListener>();
  private readonly dirty = new Set<SyncEntity>();
  private timer?: NodeJS.Timeout;
  private writes: Promise<void> = Promise.resolve();
  private readonly off: () => void;
  private readonly now: () => number;
  private readonly throttleMs: number;

  constructor(private readonly opts: RunProgressOptions) {
    this.now = opts.now ?? Date.now;
    this.throttleMs = opts.throttleMs ?? 250;
    this.off = opts.events.on((e) => this.onEvent(e));
  }

  /** The running pull, else the last one this process saw (its phase says done or failed), else null. */
  snapshot(): RunProgress | null {
    const run = this.current ?? this.last;
    return run ? toProgressView(run, this.now()) : null;
  }

  get running(): RunProgress | null {
    return this.current ? toProgressView(this.current, this.now()) : null;
  }

  subscribe(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `start` and resolves with the id of the pull run it starts, or rejects when `start` fails
   * before the run begins (e.g. another instance holds the lock).
   */
  runIdOf(start: () => Promise<unknown>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const off = this.opts.events.on((e) => {
        if (e.type === 'run-started' && e.kind === 'pull') {
          off();
          resolve(e.runId);
        }
      });
      start().catch((err: unknown) => {
        off();
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  /** Journal writes finished (tests, shutdown). */
  async idle(): Promise<void> {
    await this.writes;
  }

  close(): void {
    this.off();
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private onEvent(event: SyncEvent): void {
    if (event.type === 'run-started') {
      if (event.kind === 'pull') this.startRun(event.runId, event.entities);
      return;
    }
    const run = this.current;
    if (!run) return;
    const moved = applyEvent(run, event, this.now());
    if (moved === false) return;
    if (typeof moved === 'string') this.dirty.add(moved);
    if (event.type === 'run-finished') this.finishRun(run);
    else this.scheduleFlush();
  }

  private startRun(runId: string, entities: readonly string[] | undefined): void {
    this.current = newRunState(runId, entities, this.now());
    this.dirty.clear();
    this.emit({ type: 'snapshot', run: toProgressView(this.current, this.now()) });
    this.persist(this.current);
  }

  private finishRun(run: RunState): void {
    this.flush();
    this.current = undefined;
    this.last = run;
    this.emit({ type: 'finished', run: toProgressView(run, this.now()) });
    this.persist(run, true);
  }

  private scheduleFlush(): void {
    this.timer ??= setTimeout(() => this.flush(), this.throttleMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.current;
    if (!run) return;
    const moved = new Set(this.dirty);
    this.dirty.clear();
    this.emit({
      type: 'progress',
      runId: run.runId,
      phase: run.phase,
      entities: orderedEntities(run).filter((e) => moved.has(e.entity)),
      totals: totalsOf(run),
      ratePerSecond: rateOf(run, this.now()),
      fraction: updateFraction(run),
      pictures: run.pictures,
    });
  }

  private emit(event: SyncStreamEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.opts.logger.warn({ err: e }, 'a sync progress listener failed');
      }
    }
  }

  /** Writes are chained so a run's start row never lands after its end row. */
  private persist(run: RunState, finished = false): void {
    const journal = {
      runId: run.runId,
      scope: scopeText(run.scope),
      entities: orderedEntities(run),
      log: [...run.log],
      logTruncated: run.logTruncated,
      error: run.error,
      updatedAt: this.now(),
    };
    this.writes = this.writes
      .then(() => saveJournal(this.opts.db, journal))
      .then(() => (finished ? pruneJournals(this.opts.db) : 0))
      .then(() => undefined)
      .catch((e: unknown) => this.opts.logger.warn({ err: e, runId: run.runId }, 'run journal not written'));
  }
}
