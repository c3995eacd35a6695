import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config-schema.js';
import { toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Storage, SyncRunRecord } from '../store/storage.js';
import type { SyncEvents } from '../sync/sync-events.js';
import type { SyncMetrics } from '../sync/sync-metrics.js';
import { resolveBankChoice, resolvePersonGroupChoice, resolveStoreChoice } from './push-choices.js';
import { raiseClientIdFloor, restorePending, type ClientIdFloor } from './client-id-floor.js';
import { captureMahakCurrent } from './dispute-capture.js';
import type { PushContext } from './push-context.js';
import { countByKind, type Decision } from './push-decisions.js';
import { ensureGeneration } from './push-generation.js';
import { clearPause, pauseOf, recordPause } from './push-pause.js';
import type { PushMahak } from './push-ports.js';
import { runRound } from './push-round.js';
import { mappingConfigFrom, pushSettingsFrom, type PushSettings } from './push-settings.js';

export const pushLockName = 'push';
const choicesTtlMs = 5 * 60_000;

export interface PushWorkerDeps {
  storage: Storage;
  mahak: PushMahak;
  config: Config;
  logger: Logger;
  metrics: SyncMetrics;
  events?: SyncEvents;
  /** Lock and lease owner. */
  instanceId: string;
  settings?: Partial<PushSettings>;
  now?: () => number;
  random?: () => number;
}

/**
 * The outbox worker (ARCHITECTURE.md "Push"): one pusher per database (storage lock 'push'), rounds of
 * lease -> read back what is in doubt -> SaveAllData -> record, until nothing is due. A run is recorded
 * (kind 'push') when it had work or failed.
 */
export class PushWorker {
  readonly settings: PushSettings;
  private readonly now: () => number;
  /** The ClientId floor is checked once per process, before the first send (client-id-floor.ts). */
  private floorChecked = false;
  private chosen?: { key: string; at: number; storeId: number; personGroupId: number };

  constructor(private readonly deps: PushWorkerDeps) {
    this.settings = { ...pushSettingsFrom(deps.config), ...deps.settings };
    this.now = deps.now ?? Date.now;
  }

  /** Runs of this worker in progress (a checkout's nudge, the loop, staff's "push now"). */
  private readonly running = new Set<Promise<unknown>>();

  /** undefined: nothing was due, or another pusher (or another run of this one) holds the work. */
  async runOnce(): Promise<SyncRunRecord | undefined> {
    const run = this.runOnceNow();
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  /** True while a run of this worker is in progress. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Resolves once no run of this worker is in progress (whatever their outcome). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async runOnceNow(): Promise<SyncRunRecord | undefined> {
    const { storage, instanceId } = this.deps;
    if (!(await this.anythingDue())) return undefined;
    if (!(await storage.tryAcquireLock(pushLockName, instanceId, this.settings.lockTtlMs))) return undefined;
    const renew = setInterval(
      () => {
        storage.tryAcquireLock(pushLockName, instanceId, this.settings.lockTtlMs).catch(() => undefined);
      },
      Math.max(500, this.settings.lockTtlMs / 3),
    );
    const run: SyncRunRecord = {
      id: randomUUID(),
      kind: 'push',
      startedAt: this.now(),
      status: 'running',
      stats: {},
    };
    const log = this.deps.logger.child({ runId: run.id, component: 'push' });
    try {
      this.deps.events?.emit({ type: 'run-started', runId: run.id, kind: 'push' });
      const stats = await this.rounds(await this.context(log));
      return await this.finish({ ...run, status: 'ok', stats }, log);
    } catch (e) {
      log.error({ err: e }, 'push failed');
      await this.notePause(e, log);
      this.deps.metrics.error('push', toHamgamError(e).code);
      await this.finish({ ...run, status: 'failed', error: (e as Error).message }, log);
      throw e;
    } finally {
      clearInterval(renew);
      await storage.releaseLock(pushLockName, instanceId).catch(() => undefined);
    }
  }

  /**
   * Mahak's own ids for what we create (issue 8, item 10); a missing or ambiguous one pauses the run.
   * Kept for a few minutes while the settings they come from stay the same (a change in the desk takes
   * effect at the next run): before the first pull they are read from Mahak, not on every run.
   */
  private async choices(): Promise<{ storeId: number; personGroupId: number }> {
    const { storage, mahak, config } = this.deps;
    const key = JSON.stringify([
      config.storeId,
      config.storeCode,
      config.mahakPersonGroupId,
      config.mahakPersonGroupCode,
    ]);
    const now = this.now();
    if (this.chosen && this.chosen.key === key && now - this.chosen.at < choicesTtlMs) return this.chosen;
    const deps = { db: storage.db, mahak, pageSize: this.settings.pageSize };
    const storeId = await resolveStoreChoice(deps, config);
    const personGroupId = await resolvePersonGroupChoice(deps, config);
    this.chosen = { key, at: now, storeId, personGroupId };
    return this.chosen;
  }

  /**
   * Moves the ClientId sequences past what Mahak holds (client-id-floor.ts). Called when the server
   * starts (push-services.ts) and, failing that, before the first run of this process sends anything.
   */
  async checkClientIdFloor(logger: Logger = this.deps.logger): Promise<ClientIdFloor> {
    const floor = await raiseClientIdFloor(this.deps.storage.db, this.deps.mahak, {
      pageSize: this.settings.pageSize,
      logger,
    });
    this.floorChecked = true;
    return floor;
  }

  private async anythingDue(): Promise<boolean> {
    const rows = await this.deps.storage.db.query(
      "SELECT id FROM push_outbox WHERE state = 'ready' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) LIMIT 1",
      [this.now(), this.now()],
    );
    return rows.length > 0;
  }

  private async context(logger: Logger): Promise<PushContext> {
    const { storage, mahak, config } = this.deps;
    const generation = await ensureGeneration(storage.db, mahak, {
      pageSize: this.settings.pageSize,
      logger,
    });
    if (!this.floorChecked || (await restorePending(storage.db))) await this.checkClientIdFloor(logger);
    // Mahak's own ids for what we create (issue 8, item 10); a missing or ambiguous one pauses the run.
    const choices = { db: storage.db, mahak, pageSize: this.settings.pageSize };
    const session = await mahak.session();
    const storeId = await resolveStoreChoice(choices, config);
    const personGroupId = await resolvePersonGroupChoice(choices, config);
    const bankId = await resolveBankChoice(choices, config);
    // Every choice resolved: a pause recorded by an earlier run is over.
    await clearPause(storage.db);
    const cfg = mappingConfigFrom(config, {
      visitorId: session.visitorId,
      storeId,
      generation,
      personGroupId,
      bankId,
    });
    const ctx: PushContext = {
      storage,
      mahak,
      settings: this.settings,
      cfg,
      owner: this.deps.instanceId,
      logger,
      now: this.now,
      random: this.deps.random ?? Math.random,
    };
    ctx.capture = (d) => captureMahakCurrent(ctx, d);
    ctx.holdsLock = () => storage.tryAcquireLock(pushLockName, this.deps.instanceId, this.settings.lockTtlMs);
    return ctx;
  }

  /** A run stopped by a missing or ambiguous Mahak choice is a pause staff must see (push-pause.ts). */
  private async notePause(e: unknown, log: Logger): Promise<void> {
    const pause = pauseOf(e);
    if (!pause) return;
    await recordPause(this.deps.storage.db, pause, this.now()).catch((err: unknown) =>
      log.warn({ err }, 'could not record the push pause'),
    );
  }

  private async rounds(ctx: PushContext): Promise<Record<string, unknown>> {
    const all: Decision[] = [];
    let leased = 0;
    let rounds = 0;
    while (rounds < this.settings.maxRounds) {
      const round = await runRound(ctx);
      if (!round) break;
      rounds++;
      leased += round.leased;
      all.push(...round.decisions);
      this.count(round.decisions);
      if (round.stop) break;
    }
    const counts = countByKind(all);
    return {
      rounds,
      leased,
      ...counts,
      orders: countByKind(all.filter((d) => d.item.payload.kind === 'order')),
    };
  }

  private count(decisions: Decision[]): void {
    const orders = countByKind(decisions.filter((d) => d.item.payload.kind === 'order'));
    const { metrics } = this.deps;
    if (orders.sent) metrics.pushOrders('sent', orders.sent);
    if (orders.retry) metrics.pushOrders('retry', orders.retry);
    if (orders.dispute) metrics.pushOrders('disputed', orders.dispute);
    if (orders.dead) metrics.pushOrders('failed', orders.dead);
  }

  private async finish(
    run: SyncRunRecord & { status: 'ok' | 'failed' },
    log: Logger,
  ): Promise<SyncRunRecord> {
    const done = { ...run, finishedAt: this.now() };
    // The gauge is the number of letters in the store now (every source), not what this run added.
    await this.deps.storage.db
      .query<{ n: number }>('SELECT COUNT(*) AS n FROM dead_letters')
      .then((rows) => this.deps.metrics.deadLetters(Number(rows[0]?.n ?? 0)))
      .catch(() => undefined);
    await this.deps.storage
      .recordRun(done)
      .catch((e: unknown) => log.warn({ err: e }, 'could not record the push run'));
    this.deps.metrics.syncRun('push', done.status);
    if (done.status === 'ok') this.deps.metrics.lastSuccess('push', Math.floor(done.finishedAt / 1000));
    this.deps.events?.emit({
      type: 'run-finished',
      runId: done.id,
      kind: 'push',
      status: done.status,
      stats: done.stats,
      error: done.error,
    });
    log.info({ status: done.status, ...done.stats }, 'push run finished');
    return done;
  }
}
