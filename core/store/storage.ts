import type { PulledEntityName } from '../contracts/mahak-wire.js';
import type { CatalogRepo } from './catalog-repo.js';
import type { PageRef } from './pull-frontier.js';
import type { SqlDb } from './sql-db.js';

/**
 * The Storage port. Drivers (sqlite, postgres) implement the SQL executor beneath (`SqlDb`); the
 * repositories above it are written once and shared, so both drivers behave the same by construction
 * and the contract suite proves it.
 */
export type { PageRef };

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * The SQL executor beneath, for repositories other parts build on the same database (local queue,
   * outbox, orders): their tables come from migrations appended to migrations/index.ts.
   */
  readonly db: SqlDb;
  /** Connects and runs pending migrations. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip for /ready. */
  ping(): Promise<void>;

  /**
   * Rows + the entity's checkpoint in ONE transaction (invariant 2); monotonic upsert (invariant 3).
   * An invalid record rejects the whole page (VALIDATION_FAILED), unless `quarantineInvalid`: then it
   * becomes a dead letter (one per record and RowVersion) in the same transaction and the rest applies.
   */
  applyPullPage(page: PullPage, options?: { quarantineInvalid?: boolean }): Promise<ApplyResult>;
  getCheckpoints(): Promise<Partial<Record<PulledEntityName, number>>>;
  /** Where each checkpoint stood at `at` (epoch ms), from checkpoint_history; absent = nothing yet. */
  checkpointsAsOf(at: number): Promise<Partial<Record<PulledEntityName, number>>>;
  /**
   * Pages of a run that are settled: applied, dead-lettered or discarded (a page replayed by the queue
   * is counted once). The fetcher's backpressure and the run's completion count these.
   */
  countAppliedPages(runId: string): Promise<number>;
  /** The queue gave up on a page: it counts as settled for the run but holds the checkpoint back. */
  markPullPageDead(page: PageRef): Promise<void>;
  /** Staff discarded a dead-lettered page: the checkpoint may move over it (pull-frontier.ts). */
  discardPullPage(page: PageRef): Promise<void>;
  /** Dead-lettered pages of a run not settled since. */
  deadPullPages(runId: string): Promise<{ entity: string; seq: number; checkpoint: number | null }[]>;
  /**
   * Forgets page markers applied before `appliedBefore` (epoch ms) so pull_pages does not grow forever,
   * and checkpoint history older than that (keeping each entity's last value before it). Safe: a page
   * redelivered after its marker is gone re-applies through the monotonic upsert and changes nothing.
   * Returns how many markers went.
   */
  prunePullPages(appliedBefore: number): Promise<number>;
  /**
   * Brings the query planner's statistics up to date after a large load (PostgreSQL ANALYZE, SQLite
   * PRAGMA optimize). Optional: test doubles need not have it.
   */
  refreshPlannerStatistics?(): Promise<void>;
  /**
   * Whether a pull starting now is a first load, whose storefront read rows are built once at its end
   * (pull-storefront-refresh.ts). Optional: test doubles need not have it (then never).
   */
  isFirstStorefrontLoad?(): Promise<boolean>;
  /** Builds the read rows a deferred load (or another bulk writer) left owed; true when it did. */
  completeStorefrontRows?(): Promise<boolean>;

  addDeadLetter(letter: NewDeadLetter): Promise<number>;
  listDeadLetters(query?: { limit?: number; afterId?: number }): Promise<DeadLetter[]>;
  getDeadLetter(id: number): Promise<DeadLetter | undefined>;
  deleteDeadLetter(id: number): Promise<boolean>;

  /** One puller / one pusher per database (advisory lock on PostgreSQL, lease row on SQLite). */
  tryAcquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;

  recordRun(run: SyncRunRecord): Promise<void>;
  listRuns(limit: number): Promise<SyncRunRecord[]>;

  readonly catalog: CatalogRepo;
}

/** One page of validated Mahak records of one entity, as carried by the queue. */
export interface PullPage {
  runId: string;
  /** Sequence number of the page within the run: (runId, entity, seq) identifies a page. */
  seq: number;
  entity: PulledEntityName;
  /** Canonical (PascalCase) validated wire records; they are also kept raw beside the mapped row. */
  records: Record<string, unknown>[];
  /** The checkpoint after this page: every row of the entity at or below it has been read. */
  checkpoint: number;
  /** The entity's previous page in this run, -1 for its first (pull-frontier.ts); absent from older builds. */
  prevSeq?: number;
  /**
   * A first load: the storefront read rows of this page's products are built once at the run's end
   * instead of with the page (pull-storefront-refresh.ts). Ignored once the run has ended.
   */
  deferStorefront?: boolean;
}

export interface ApplyResult {
  /** Rows whose RowVersion was newer than what the store held. */
  changed: number;
  /** True when the page had already been applied (a queue redelivery). */
  duplicate: boolean;
  /** Records that failed the mapping and went to the dead letters instead. */
  quarantined?: number;
}

export interface NewDeadLetter {
  /** Where it came from: 'pull', 'push', 'queue'... */
  source: string;
  /** E.g. the Mahak entity or the outbox kind. */
  kind: string;
  payload: unknown;
  reason: string;
  attempts: number;
  /**
   * Attempt history: when and why each attempt failed. Push letters also name each line's outcome and
   * number the lines that were attempts (`attempt`); their other lines are notes (core/push/outbox-rows.ts).
   */
  history?: { at: number; error: string; outcome?: string; attempt?: number }[];
  /** Letters with the same key are one letter (the same record re-read, the same message handed twice). */
  dedupeKey?: string;
}

export interface DeadLetter extends NewDeadLetter {
  id: number;
  createdAt: number;
}

export interface SyncRunRecord {
  id: string;
  kind: 'pull' | 'push' | 'drift' | 'reconcile';
  startedAt: number;
  finishedAt?: number;
  status: 'running' | 'ok' | 'failed';
  /** Per-entity counts and anything else worth showing on the status screen. */
  stats: Record<string, unknown>;
  error?: string;
}
