import type { PulledEntityName } from '../contracts/mahak-wire.js';
import type { PullOptOuts } from '../domain/catalog-mapping-types.js';
import type { Logger } from '../logging/logger.js';
import type { CatalogRepo } from './catalog-repo.js';
import { runMigrations } from './migrate.js';
import { deadPages, type PageRef } from './pull-frontier.js';
import { applyPullPage, markPage, settle } from './pull-page-apply.js';
import { completeStorefrontRows, isFirstStorefrontLoad } from './pull-storefront-refresh.js';
import { SqlCatalogRepo } from './sql-catalog-repo.js';
import type { SqlDb } from './sql-db.js';
import type { ApplyResult, DeadLetter, NewDeadLetter, PullPage, Storage, SyncRunRecord } from './storage.js';
import { SyncRecordRepo } from './sync-record-repo.js';

export interface StorageOptions {
  /** Money unit in Mahak's database (config mahakCurrency); the store always keeps rial. */
  mahakCurrency?: 'rial' | 'toman';
  /** Clock for deleted_at / applied_at stamps (tests pin it). */
  now?: () => number;
  /** The desk's opt-outs, read as each page is applied (they change without a restart). */
  optOuts?: () => PullOptOuts;
}

/**
 * The Storage port over any SqlDb: the repositories are written once, so the sqlite and postgres
 * drivers behave the same by construction (and test/store/storage-contract.ts proves it).
 */
export class SqlStorage implements Storage {
  readonly catalog: CatalogRepo;
  private readonly records: SyncRecordRepo;
  private readonly now: () => number;

  constructor(
    readonly db: SqlDb,
    private readonly logger: Logger,
    private readonly options: StorageOptions = {},
  ) {
    this.catalog = new SqlCatalogRepo(db, logger);
    this.records = new SyncRecordRepo(db);
    this.now = options.now ?? Date.now;
  }

  get dialect(): SqlDb['dialect'] {
    return this.db.dialect;
  }

  async init(): Promise<void> {
    await this.db.init();
    await runMigrations(this.db, this.logger);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1 AS ok');
  }

  applyPullPage(page: PullPage, options: { quarantineInvalid?: boolean } = {}): Promise<ApplyResult> {
    const ctx = {
      now: this.now(),
      mahakCurrency: this.options.mahakCurrency ?? 'rial',
      ...(this.options.optOuts ? { optOuts: this.options.optOuts() } : {}),
    };
    return applyPullPage(this.db, page, ctx, options.quarantineInvalid ?? false);
  }

  async getCheckpoints(): Promise<Partial<Record<PulledEntityName, number>>> {
    const rows = await this.db.query<{ entity: PulledEntityName; row_version: number }>(
      'SELECT entity, row_version FROM checkpoints',
    );
    return Object.fromEntries(rows.map((r) => [r.entity, Number(r.row_version)]));
  }

  async checkpointsAsOf(at: number): Promise<Partial<Record<PulledEntityName, number>>> {
    // History only ever rises per entity, so the latest value recorded by `at` is the highest one.
    const rows = await this.db.query<{ entity: PulledEntityName; row_version: number }>(
      'SELECT entity, MAX(row_version) AS row_version FROM checkpoint_history WHERE recorded_at <= ? GROUP BY entity',
      [at],
    );
    return Object.fromEntries(rows.map((r) => [r.entity, Number(r.row_version)]));
  }

  async markPullPageDead(page: PageRef): Promise<void> {
    await markPage(this.db, page, 'dead', this.now());
  }

  async discardPullPage(page: PageRef): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (await markPage(tx, page, 'discarded', this.now())) await settle(tx, page, this.now());
    });
  }

  deadPullPages(runId: string): Promise<{ entity: string; seq: number; checkpoint: number | null }[]> {
    return deadPages(this.db, runId);
  }

  async countAppliedPages(runId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM pull_pages WHERE run_id = ?',
      [runId],
    );
    return Number(row?.n ?? 0);
  }

  async refreshPlannerStatistics(): Promise<void> {
    // PostgreSQL's autovacuum analyses a table only after a delay; until then a first pull's tables
    // look empty to the planner and each checkout's storefront refresh took 5 s instead of 55 ms
    // (docs/reliability.md). SQLite's optimize analyses only what would change a plan.
    if (this.db.dialect !== 'postgres') {
      await this.db.run('PRAGMA optimize');
      return;
    }
    await this.db.run('ANALYZE');
    // The pull refreshes a product's read row by delete and insert: a big pull leaves the read table
    // full of dead rows, and every listing page fetched them with the live ones until a vacuum (three
    // versions of each row after the benchmark's load: a category page read 69 buffers at 100,000
    // products, 28 after this; a search page 325 and 13). Autovacuum would, late; and it may be off,
    // as on the test server. VACUUM also sets the visibility map and empties pg_trgm's pending list.
    await this.db.run('VACUUM storefront_products');
    // The kept product pages are refreshed the same way; a page read would follow the dead versions
    // to the table, and the first reader of each row would set its hint bits (a write) instead.
    await this.db.run('VACUUM storefront_pages');
  }

  isFirstStorefrontLoad(): Promise<boolean> {
    return isFirstStorefrontLoad(this.db);
  }

  completeStorefrontRows(): Promise<boolean> {
    return completeStorefrontRows(this.db);
  }

  async prunePullPages(appliedBefore: number): Promise<number> {
    await this.db.run('DELETE FROM pull_frontiers WHERE updated_at < ?', [appliedBefore]);
    await this.db.run(
      'DELETE FROM checkpoint_history WHERE recorded_at < ? AND row_version < ' +
        '(SELECT MAX(h.row_version) FROM checkpoint_history h WHERE h.entity = checkpoint_history.entity AND h.recorded_at < ?)',
      [appliedBefore, appliedBefore],
    );
    // Dead markers stay: they hold a checkpoint back until staff settle the page.
    return this.db.run("DELETE FROM pull_pages WHERE applied_at < ? AND state <> 'dead'", [appliedBefore]);
  }

  addDeadLetter(letter: NewDeadLetter): Promise<number> {
    return this.records.addDeadLetter(letter);
  }

  listDeadLetters(query?: { limit?: number; afterId?: number }): Promise<DeadLetter[]> {
    return this.records.listDeadLetters(query);
  }

  getDeadLetter(id: number): Promise<DeadLetter | undefined> {
    return this.records.getDeadLetter(id);
  }

  deleteDeadLetter(id: number): Promise<boolean> {
    return this.records.deleteDeadLetter(id);
  }

  tryAcquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.db.tryAcquireLock(name, owner, ttlMs);
  }

  releaseLock(name: string, owner: string): Promise<void> {
    return this.db.releaseLock(name, owner);
  }

  /**
   * A run's own record commits without waiting for the disk. Only a database or machine crash in the
   * next fraction of a second loses it, and then everything committed after it too (the log keeps
   * its order): a lost start leaves nothing of the run, a lost end leaves it 'running', which the
   * desk shows as interrupted (as after a killed process) and which makes the next pull's time
   * window start earlier, never later. On PostgreSQL each of an empty poll's two run writes waited
   * for a WAL flush, most of the poll's time.
   */
  recordRun(run: SyncRunRecord): Promise<void> {
    return this.db.transaction((tx) => new SyncRecordRepo(tx).recordRun(run), { relaxedDurability: true });
  }

  listRuns(limit: number): Promise<SyncRunRecord[]> {
    return this.records.listRuns(limit);
  }
}
