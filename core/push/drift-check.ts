import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config-schema.js';
import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { toHamgamError } from '../errors.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import type { Storage, SyncRunRecord } from '../store/storage.js';
import type { SyncEvents } from '../sync/sync-events.js';
import type { SyncMetrics } from '../sync/sync-metrics.js';
import { checkPushedOrders, type OrderDrift } from './drift-orders.js';
import { markGone, rereadMismatches } from './drift-reread.js';
import { driftEntityNames, solveEntity, type Mismatch } from './drift-solve.js';
import type { DriftMahak } from './push-ports.js';

export interface DriftPuller {
  pullNow(options?: { waitForLockMs?: number }): Promise<SyncRunRecord>;
}

export interface DriftCheckDeps {
  storage: Storage;
  queue: Queue;
  mahak: DriftMahak;
  config: Config;
  logger: Logger;
  metrics: SyncMetrics;
  events: SyncEvents;
  puller: DriftPuller;
  entities?: PulledEntityName[];
}

export interface EntityDrift {
  checked: number;
  mismatched: number;
  /** Ids whose store row now matches Mahak. */
  repaired: number[];
  /** Ids Mahak does not have at all: deleted in the store (logically). */
  goneInMahak: number[];
  unrepaired: number[];
  /** How the rows came back: Mahak re-queued them (the incremental pull) and/or our wider re-read. */
  via: ('requeue' | 'reread')[];
  error?: string;
}

export interface DriftReport {
  entities: Partial<Record<PulledEntityName, EntityDrift>>;
  orders: OrderDrift | { error: string };
  repull: { runId: string; status: string } | { error: string };
}

/**
 * The pull-side drift check (ARCHITECTURE.md "Disputes": drift checks use SolveDispute /
 * SolveOrderDispute): our (id, RowVersion) pairs per entity go to Mahak, then a re-pull brings the rows
 * Mahak re-queued; rows it named but did not re-queue are read again from below their RowVersion
 * (drift-reread.ts). The report says what was repaired, per entity, with ids.
 */
export class DriftCheck {
  constructor(private readonly deps: DriftCheckDeps) {}

  async runOnce(): Promise<SyncRunRecord> {
    const run: SyncRunRecord = {
      id: randomUUID(),
      kind: 'drift',
      startedAt: Date.now(),
      status: 'running',
      stats: {},
    };
    const log = this.deps.logger.child({ runId: run.id, component: 'drift' });
    await this.deps.storage.recordRun(run);
    this.deps.events.emit({ type: 'run-started', runId: run.id, kind: 'drift' });
    try {
      const report = await this.check(run.id, log);
      return await this.finish({ ...run, status: 'ok', stats: report as unknown as Record<string, unknown> });
    } catch (e) {
      log.error({ err: e }, 'drift check failed');
      this.deps.metrics.error('drift', toHamgamError(e).code);
      await this.finish({ ...run, status: 'failed', error: (e as Error).message });
      throw e;
    }
  }

  private async check(runId: string, log: Logger): Promise<DriftReport> {
    const { storage, mahak } = this.deps;
    const entities = this.deps.entities ?? (Object.keys(driftEntityNames) as PulledEntityName[]);
    const found = new Map<PulledEntityName, { mismatches: Mismatch[]; drift: EntityDrift }>();
    const report: DriftReport = {
      entities: {},
      orders: { checked: 0, missing: [], deleted: [] },
      repull: { error: 'not run' },
    };
    for (const entity of entities) {
      try {
        const { checked, mismatches } = await solveEntity(storage.db, mahak, entity);
        const drift: EntityDrift = {
          checked,
          mismatched: mismatches.length,
          repaired: [],
          goneInMahak: [],
          unrepaired: [],
          via: [],
        };
        found.set(entity, { mismatches, drift });
        report.entities[entity] = drift;
      } catch (e) {
        report.entities[entity] = {
          checked: 0,
          mismatched: 0,
          repaired: [],
          goneInMahak: [],
          unrepaired: [],
          via: [],
          error: (e as Error).message,
        };
      }
    }
    report.orders = await checkPushedOrders(storage.db, mahak).catch((e: Error) => ({ error: e.message }));
    report.repull = await this.repull();
    for (const [entity, { mismatches, drift }] of found) {
      if (mismatches.length === 0) continue;
      await this.repair(runId, entity, mismatches, drift).catch((e: Error) => {
        drift.error = e.message;
      });
    }
    log.info({ entities: summary(report) }, 'drift check finished');
    return report;
  }

  private async repull(): Promise<DriftReport['repull']> {
    try {
      const run = await this.deps.puller.pullNow({ waitForLockMs: 30_000 });
      return { runId: run.id, status: run.status };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  /** After the re-pull: what is still behind Mahak is read again (wider window), then counted. */
  private async repair(
    runId: string,
    entity: PulledEntityName,
    mismatches: Mismatch[],
    drift: EntityDrift,
  ): Promise<void> {
    await markGone(
      this.deps,
      entity,
      mismatches.filter((m) => !m.exists),
    );
    const present = mismatches.filter((m) => m.exists);
    let behind = await this.stillBehind(entity, present);
    if (behind.length < present.length) drift.via.push('requeue');
    if (behind.length > 0) {
      const { storage, queue, mahak, logger, metrics, events, config } = this.deps;
      await rereadMismatches(
        {
          storage,
          queue,
          source: mahak,
          logger,
          metrics,
          events,
          pageSize: config.pageSize,
          owner: `drift-${runId}`,
          lockTtlMs: config.lockTtlSeconds * 1000,
        },
        runId,
        entity,
        behind,
      );
      drift.via.push('reread');
      behind = await this.stillBehind(entity, present);
    }
    const left = new Set(behind.map((m) => m.id));
    drift.goneInMahak = mismatches.filter((m) => !m.exists && !left.has(m.id)).map((m) => m.id);
    drift.repaired = mismatches.filter((m) => m.exists && !left.has(m.id)).map((m) => m.id);
    drift.unrepaired = [...left];
  }

  /** Mismatches the store has not caught up with: unchanged, older than Mahak named, or not deleted. */
  private async stillBehind(entity: PulledEntityName, mismatches: Mismatch[]): Promise<Mismatch[]> {
    const ids = mismatches.map((m) => m.id);
    const rows = await this.deps.storage.db.query<{
      id: number;
      row_version: number;
      deleted_at: number | null;
    }>(
      `SELECT id, row_version, deleted_at FROM ${tableOf[entity]} WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    const local = new Map(rows.map((r) => [Number(r.id), r]));
    return mismatches.filter((m) => {
      const row = local.get(m.id);
      if (!m.exists) return row !== undefined && row.deleted_at === null;
      if (!row) return true;
      // Unchanged since the check means nothing came back (also when ours was "newer" than Mahak's).
      const rv = Number(row.row_version);
      return rv === m.localRowVersion || (m.mahakRowVersion !== null && rv < m.mahakRowVersion);
    });
  }

  private async finish(run: SyncRunRecord & { status: 'ok' | 'failed' }): Promise<SyncRunRecord> {
    const done = { ...run, finishedAt: Date.now() };
    await this.deps.storage.recordRun(done);
    this.deps.metrics.syncRun('drift', done.status);
    if (done.status === 'ok') this.deps.metrics.lastSuccess('drift', Math.floor(done.finishedAt / 1000));
    this.deps.events.emit({
      type: 'run-finished',
      runId: done.id,
      kind: 'drift',
      status: done.status,
      stats: done.stats,
      error: done.error,
    });
    return done;
  }
}

function summary(report: DriftReport): Record<string, string> {
  return Object.fromEntries(
    Object.entries(report.entities).map(([e, d]) => [e, `${d.repaired.length}/${d.mismatched} repaired`]),
  );
}
