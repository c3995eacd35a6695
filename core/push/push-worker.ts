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
import { currentPause, endPause, isBankPause, pauseOf, recordPause } from './push-pause.js';
import type { PauseFacts } from '../domain/push-pause-text.js';
import type { PushMahak } from './push-ports.js';
import { runRound } from './push-round.js';
import { mappingConfigFrom, pushSettingsFrom, type PushSettings } from './push-settings.js';

export const pushLockName = 'push';

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
  /** Whether env / config file set this setting (the desk cannot change it): a pause says where to fix it. */
  lockedSetting?: (key: string) => boolean;
}

interface Choices {
  storeId: number;
  personGroupId: number;
  /** Absent: no bank for cheques (bankPause says why); paid orders wait, the rest go. */
  bankId?: number;
  bankPause?: PauseFacts;
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
    // A pause ends when its cause is fixed, not only at the next run with work (a settings change nudges).
    if (!(await this.anythingDue())) {
      if (!(await this.recheckPause()) || !(await this.anythingDue())) return undefined;
    }
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
      const { ctx, bankPause } = await this.context(log);
      const stats = await this.rounds(ctx);
      await this.afterRounds(bankPause, Number(stats.heldForBank ?? 0), log);
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
   * Mahak's own ids for what we create (issue 8, item 10). A missing or ambiguous store or person group
   * pauses the run (throws); a missing bank only holds the paid orders (bankPause).
   */
  private async choices(): Promise<Choices> {
    const { storage, mahak, config } = this.deps;
    const deps = { db: storage.db, mahak, pageSize: this.settings.pageSize };
    const storeId = await resolveStoreChoice(deps, config);
    const personGroupId = await resolvePersonGroupChoice(deps, config);
    try {
      return { storeId, personGroupId, bankId: await resolveBankChoice(deps, config) };
    } catch (e) {
      const bankPause = pauseOf(e);
      if (!bankPause) throw e;
      return { storeId, personGroupId, bankPause: this.withLock(bankPause) };
    }
  }

  private withLock(facts: PauseFacts): PauseFacts {
    return this.deps.lockedSetting?.(facts.key) ? { ...facts, locked: true } : facts;
  }

  /**
   * With a pause recorded, asks again whether its cause is fixed (the desk's settings, a pull that
   * brought the bank): true when it ended, so the caller looks for work again (woken paid orders).
   * Mahak not answering leaves the pause as it is.
   */
  async recheckPause(): Promise<boolean> {
    const db = this.deps.storage.db;
    const was = await currentPause(db);
    if (!was) return false;
    let chosen: Choices;
    try {
      chosen = await this.choices();
    } catch (e) {
      const pause = pauseOf(e);
      if (pause) await recordPause(db, this.withLock(pause), this.now());
      else this.deps.logger.warn({ err: e }, 'could not check whether the push pause is over');
      return false;
    }
    if (chosen.bankPause && isBankPause(was)) {
      await recordPause(db, chosen.bankPause, this.now());
      return false;
    }
    // The store and group resolve; a bank still missing is recorded again by a run that holds a paid order.
    return endPause(db, this.now());
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

  private async context(logger: Logger): Promise<{ ctx: PushContext; bankPause?: PauseFacts }> {
    const { storage, mahak, config } = this.deps;
    const generation = await ensureGeneration(storage.db, mahak, {
      pageSize: this.settings.pageSize,
      logger,
    });
    if (!this.floorChecked || (await restorePending(storage.db))) await this.checkClientIdFloor(logger);
    const session = await mahak.session();
    const { storeId, personGroupId, bankId, bankPause } = await this.choices();
    // Every choice resolved: a pause recorded by an earlier run is over (a bank one: see afterRounds).
    if (!bankPause) await endPause(storage.db, this.now());
    const cfg = mappingConfigFrom(config, {
      visitorId: session.visitorId,
      storeId,
      generation,
      personGroupId,
      // Never on a record while bankMissing: push-round.ts holds every item that carries a cheque.
      bankId: bankId ?? 0,
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
      ...(bankPause ? { bankMissing: true } : {}),
    };
    ctx.capture = (d) => captureMahakCurrent(ctx, d);
    ctx.holdsLock = () => storage.tryAcquireLock(pushLockName, this.deps.instanceId, this.settings.lockTtlMs);
    return { ctx, ...(bankPause ? { bankPause } : {}) };
  }

  /**
   * No bank: the pause is staff's to see while paid orders wait for it. A run that held none keeps a
   * bank pause (orders held earlier wait for their next look) and ends any other (its cause resolved).
   */
  private async afterRounds(bankPause: PauseFacts | undefined, held: number, log: Logger): Promise<void> {
    if (!bankPause) return;
    const db = this.deps.storage.db;
    try {
      if (held > 0) await recordPause(db, bankPause, this.now());
      else if (!isBankPause((await currentPause(db)) ?? { key: '' })) await endPause(db, this.now());
    } catch (err) {
      log.warn({ err }, 'could not record the push pause');
    }
  }

  /** A run stopped by a missing or ambiguous Mahak choice is a pause staff must see (push-pause.ts). */
  private async notePause(e: unknown, log: Logger): Promise<void> {
    const pause = pauseOf(e);
    if (!pause) return;
    await recordPause(this.deps.storage.db, this.withLock(pause), this.now()).catch((err: unknown) =>
      log.warn({ err }, 'could not record the push pause'),
    );
  }

  private async rounds(ctx: PushContext): Promise<Record<string, unknown>> {
    const all: Decision[] = [];
    let leased = 0;
    let heldForBank = 0;
    let rounds = 0;
    while (rounds < this.settings.maxRounds) {
      const round = await runRound(ctx);
      if (!round) break;
      rounds++;
      leased += round.leased;
      heldForBank += round.heldForBank;
      all.push(...round.decisions);
      this.count(round.decisions);
      if (round.stop) break;
    }
    const counts = countByKind(all);
    return {
      rounds,
      leased,
      ...(heldForBank > 0 ? { heldForBank } : {}),
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
