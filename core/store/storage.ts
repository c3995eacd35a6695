import type { PulledEntityName } from '../contracts/mahak-wire.js';
import type { CatalogRepo } from './catalog-repo.js';
import type { SqlDb } from './sql-db.js';

/**
 * The Storage port. Drivers (sqlite, postgres) implement the SQL executor beneath (`SqlDb`); the
 * repositories above it are written once and shared, so both drivers behave the same by construction
 * and the contract suite proves it.
 */
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

  /** Rows + the entity's checkpoint in ONE transaction (invariant 2); monotonic upsert (invariant 3). */
  applyPullPage(page: PullPage): Promise<ApplyResult>;
  getCheckpoints(): Promise<Partial<Record<PulledEntityName, number>>>;
  /** Pages recorded as applied for a run (a page replayed by the queue is counted once). */
  countAppliedPages(runId: string): Promise<number>;
  /**
   * Forgets page markers applied before `appliedBefore` (epoch ms) so pull_pages does not grow forever.
   * Safe: a page redelivered after its marker is gone re-applies through the monotonic upsert and
   * changes nothing. Returns how many markers went.
   */
  prunePullPages(appliedBefore: number): Promise<number>;

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
  /** The checkpoint after this page: max RowVersion the fetcher has seen for the entity so far. */
  checkpoint: number;
}

export interface ApplyResult {
  /** Rows whose RowVersion was newer than what the store held. */
  changed: number;
  /** True when the page had already been applied (a queue redelivery). */
  duplicate: boolean;
}

export interface NewDeadLetter {
  /** Where it came from: 'pull', 'push', 'queue'... */
  source: string;
  /** E.g. the Mahak entity or the outbox kind. */
  kind: string;
  payload: unknown;
  reason: string;
  attempts: number;
  /** Attempt history: when and why each attempt failed. */
  history?: { at: number; error: string }[];
}

export interface DeadLetter extends NewDeadLetter {
  id: number;
  createdAt: number;
}

export interface SyncRunRecord {
  id: string;
  kind: 'pull' | 'push' | 'drift';
  startedAt: number;
  finishedAt?: number;
  status: 'running' | 'ok' | 'failed';
  /** Per-entity counts and anything else worth showing on the status screen. */
  stats: Record<string, unknown>;
  error?: string;
}
