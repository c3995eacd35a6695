import {
  syncEntityNames,
  type PreviewResult,
  type SyncEntity,
  type SyncRecordResult,
  type SyncStart,
} from '../contracts/admin-sync.js';
import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Storage, SyncRunRecord } from '../store/storage.js';
import { MahakProbe } from './mahak-probe.js';
import { previewPull } from './pull-preview.js';
import type { PullSource } from './pull-fetcher.js';
import { syncRecord } from './record-sync.js';
import { RunProgressTracker } from './run-progress.js';
import type { SyncEvents } from './sync-events.js';
import { pullStatus, type PullStatus } from './sync-status.js';

export interface SyncDeskDeps {
  engine: {
    readonly events: SyncEvents;
    readonly isPulling: boolean;
    pullNow(options?: { waitForLockMs?: number; entities?: PulledEntityName[] }): Promise<SyncRunRecord>;
  };
  storage: Storage;
  source: PullSource;
  logger: Logger;
  pageSize: number;
  /** The pull schedule (cron), shown on the status screen. */
  schedule: string;
  probeTtlMs?: number;
  throttleMs?: number;
}

/**
 * What the desk asks of the sync: status, "sync now" (whole, one entity, one record), a dry-run
 * preview and the live progress of the run going on (RunProgressTracker).
 */
export class SyncDesk {
  readonly tracker: RunProgressTracker;
  private readonly probe: MahakProbe;
  private readonly previews = new Map<string, Promise<PreviewResult>>();

  constructor(private readonly deps: SyncDeskDeps) {
    this.tracker = new RunProgressTracker({
      events: deps.engine.events,
      db: deps.storage.db,
      logger: deps.logger.child({ component: 'sync-desk' }),
      ...(deps.throttleMs === undefined ? {} : { throttleMs: deps.throttleMs }),
    });
    this.probe = new MahakProbe(deps.source, deps.probeTtlMs);
  }

  /**
   * Starts a pull (all entities, or one) and answers once it has begun. A click while a pull runs
   * joins it (same run id, `joined`), whatever its scope: one pull at a time per process.
   */
  async start(entity?: SyncEntity): Promise<SyncStart> {
    const live = this.tracker.running;
    if (this.deps.engine.isPulling && live) return { runId: live.runId, joined: true, run: live };
    const joined = this.deps.engine.isPulling;
    const runId = await this.tracker.runIdOf(() =>
      this.deps.engine.pullNow({ waitForLockMs: 2_000, ...(entity ? { entities: [entity] } : {}) }),
    );
    const run = this.tracker.snapshot();
    if (!run || run.runId !== runId) throw new HamgamError('INTERNAL', `Run ${runId} is not tracked`);
    return { runId, joined, run };
  }

  record(entity: SyncEntity, id: number): Promise<SyncRecordResult> {
    return syncRecord(
      { source: this.deps.source, storage: this.deps.storage, pageSize: this.deps.pageSize },
      entity,
      id,
    );
  }

  /** One preview per set of entities at a time: a second request while one runs gets the same answer. */
  preview(entities: readonly SyncEntity[] = syncEntityNames): Promise<PreviewResult> {
    const wanted = syncEntityNames.filter((e) => entities.includes(e));
    const key = wanted.join(',');
    let running = this.previews.get(key);
    if (!running) {
      running = previewPull(
        { source: this.deps.source, db: this.deps.storage.db, pageSize: this.deps.pageSize },
        wanted,
      ).finally(() => this.previews.delete(key));
      this.previews.set(key, running);
    }
    return running;
  }

  status(options: { probe: boolean }): Promise<PullStatus> {
    return pullStatus(
      {
        db: this.deps.storage.db,
        running: this.tracker.running,
        probe: this.probe,
        schedule: this.deps.schedule,
      },
      options,
    );
  }

  close(): void {
    this.tracker.close();
  }
}
