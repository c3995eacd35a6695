import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { HamgamError } from '../errors.js';
import { AsyncMutex } from './async-mutex.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import type { SqlExecutor, TransactionOptions, UpsertSpec } from './sql-db.js';
import { plainParam } from './sql-values.js';
import { columnList, conflictClause, dedupeRows, normaliseRows } from './upsert-sql.js';

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[], unknown>;

interface TxState {
  open: boolean;
  savepoints: number;
}

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (since 3.32) is 32766; stay well below it. */
const maxVariables = 30_000;
const maxRowsPerStatement = 500;
const busyTimeoutMs = 5_000;

/**
 * One better-sqlite3 connection, shared by every SqliteDb of this process on the same file: two
 * connections in one thread would deadlock (the second one's busy wait blocks the event loop the first
 * one needs to finish its transaction). better-sqlite3 is synchronous; a transaction may span awaits,
 * so every statement takes turns through an async mutex, and calls from inside a transaction's async
 * context join it (AsyncLocalStorage) instead of waiting for it.
 */
export class SqliteConnection {
  readonly dialect = 'sqlite' as const;
  refs = 0;
  private readonly mutex = new AsyncMutex();
  private readonly txContext = new AsyncLocalStorage<TxState>();
  private readonly statements = new Map<string, Statement>();
  private closed = false;
  /** WAL checkpoints off the main thread (sqlite-checkpointer.ts); none for an in-memory database. */
  readonly checkpointer?: SqliteCheckpointer;

  constructor(
    private readonly db: Database,
    readonly key: string,
  ) {
    // The key of a file is its resolved path; an in-memory database's has no file to checkpoint.
    if (!key.startsWith(':memory:')) {
      this.checkpointer = new SqliteCheckpointer(key, {
        startAfterCommits: 20,
        minIntervalMs: 20,
        setAutoCheckpoint: (pages) => {
          if (!this.closed) this.db.pragma(`wal_autocheckpoint = ${pages}`);
        },
      });
    }
  }

  query<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return this.exec(() => this.querySync<T>(sql, params));
  }

  run(sql: string, params: readonly unknown[]): Promise<number> {
    return this.exec(() => this.committedOutsideTx(this.runSync(sql, params)));
  }

  bulkUpsert(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Promise<number> {
    // Several statements of one bulkUpsert are atomic even outside an explicit transaction.
    return this.exec(() =>
      this.db.inTransaction
        ? this.bulkUpsertSync(spec, rows)
        : this.committedOutsideTx(this.db.transaction(() => this.bulkUpsertSync(spec, rows))()),
    );
  }

  /** A statement outside a transaction committed on its own: the checkpoint worker hears of it. */
  private committedOutsideTx(changes: number): number {
    if (changes > 0 && !this.db.inTransaction) this.checkpointer?.committed();
    return changes;
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const current = this.txContext.getStore();
    if (current?.open) return this.savepoint(current, fn, options);
    return this.mutex.run(async () => {
      this.assertOpen();
      // The connection is this transaction's alone until it ends (the mutex), so the setting only
      // covers its COMMIT; WAL keeps the order: the next FULL commit syncs these frames too.
      if (options?.relaxedDurability) this.db.pragma('synchronous = NORMAL');
      try {
        return await this.runTransaction(fn, options?.finalStatement);
      } finally {
        if (options?.relaxedDurability && !this.closed) this.db.pragma('synchronous = FULL');
      }
    });
  }

  private async runTransaction<T>(
    fn: (tx: SqlExecutor) => Promise<T>,
    finalStatement?: () => string | undefined,
  ): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    const state: TxState = { open: true, savepoints: 0 };
    try {
      const result = await this.txContext.run(state, () => fn(this.executorFor(state)));
      const last = finalStatement?.();
      if (last) this.db.exec(last);
      this.db.exec('COMMIT');
      this.checkpointer?.committed();
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      state.open = false;
    }
  }

  /**
   * SQLite's online backup into `file` (better-sqlite3 backup()): a consistent copy taken while the
   * connection keeps serving. Not behind the mutex on purpose: writes made through this connection meanwhile
   * are carried into the copy by SQLite itself, and other statements are not held up for its length.
   */
  async backupTo(file: string): Promise<void> {
    this.assertOpen();
    await this.db.backup(file);
  }

  /** Closes once every other statement has finished (and the checkpoint worker has stopped). */
  close(): Promise<void> {
    return this.mutex.run(async () => {
      await this.checkpointer?.close();
      this.statements.clear();
      this.closed = true;
      this.db.close();
    });
  }

  private exec<T>(op: () => T): Promise<T> {
    const current = this.txContext.getStore();
    if (current?.open) return Promise.resolve().then(op);
    return this.mutex.run(op);
  }

  private async savepoint<T>(
    state: TxState,
    fn: (tx: SqlExecutor) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    const name = `sp_${++state.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this.executorFor(state));
      const last = options?.finalStatement?.();
      if (last) this.db.exec(last);
      this.db.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      this.db.exec(`ROLLBACK TO SAVEPOINT ${name}`);
      this.db.exec(`RELEASE SAVEPOINT ${name}`);
      throw e;
    }
  }

  private executorFor(state: TxState): SqlExecutor {
    const inTx = <T>(op: () => T): Promise<T> => {
      if (!state.open) return Promise.reject(new Error('SQLite transaction already finished'));
      return Promise.resolve().then(op);
    };
    return {
      dialect: this.dialect,
      query: <T>(sql: string, params: readonly unknown[] = []) => inTx(() => this.querySync<T>(sql, params)),
      run: (sql, params = []) => inTx(() => this.runSync(sql, params)),
      bulkUpsert: (spec, rows) => inTx(() => this.bulkUpsertSync(spec, rows)),
    };
  }

  private querySync<T>(sql: string, params: readonly unknown[]): T[] {
    const stmt = this.prepare(sql);
    const bound = params.map(plainParam);
    if (stmt.reader) return stmt.all(...bound) as T[];
    stmt.run(...bound);
    return [];
  }

  private runSync(sql: string, params: readonly unknown[]): number {
    const stmt = this.prepare(sql);
    const bound = params.map(plainParam);
    if (stmt.reader) return stmt.all(...bound).length;
    return stmt.run(...bound).changes;
  }

  private bulkUpsertSync(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): number {
    const values = normaliseRows(spec, dedupeRows(spec, rows));
    const perStatement = Math.max(
      1,
      Math.min(maxRowsPerStatement, Math.floor(maxVariables / spec.columns.length)),
    );
    let changed = 0;
    for (let i = 0; i < values.length; i += perStatement) {
      const chunk = values.slice(i, i + perStatement);
      // Each row array is one argument (better-sqlite3 binds an array's items in order): spreading
      // the flattened chunk passed up to 30,000 arguments: 500 rows of 40 columns took 6.8-8.4 ms, 4.2-4.7 without.
      changed += this.prepare(upsertSql(spec, chunk.length)).run(...chunk).changes;
    }
    return changed;
  }

  private prepare(sql: string): Statement {
    this.assertOpen();
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql) as Statement;
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private assertOpen(): void {
    if (this.closed) throw new HamgamError('STORAGE_UNAVAILABLE', 'SQLite database is closed');
  }
}

/**
 * The statement text per spec and row count, built once: a 500-row text is about 40 KB, and a new
 * string each time was built, then hashed whole to find its prepared statement.
 */
const upsertTexts = new WeakMap<UpsertSpec, Map<number, string>>();
function upsertSql(spec: UpsertSpec, rowCount: number): string {
  let texts = upsertTexts.get(spec);
  if (!texts) upsertTexts.set(spec, (texts = new Map()));
  let sql = texts.get(rowCount);
  if (sql === undefined) texts.set(rowCount, (sql = buildUpsertSql(spec, rowCount)));
  return sql;
}

function buildUpsertSql(spec: UpsertSpec, rowCount: number): string {
  const tuple = `(${spec.columns.map(() => '?').join(', ')})`;
  const values = Array.from({ length: rowCount }, () => tuple).join(', ');
  return `INSERT INTO ${spec.table} AS t (${columnList(spec)}) VALUES ${values}${conflictClause(spec)}`;
}

const shared = new Map<string, SqliteConnection>();

/** Opens (or shares) the connection to a file; `:memory:` is always a new, private database. */
export async function acquireSqliteConnection(path: string): Promise<SqliteConnection> {
  const key = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
  let conn = shared.get(key);
  if (!conn) {
    const { default: Database } = await import('better-sqlite3');
    conn = shared.get(key); // another caller may have opened it while we awaited the import
    if (!conn) {
      conn = new SqliteConnection(openDatabase(Database, path), key);
      if (path !== ':memory:') shared.set(key, conn);
    }
  }
  conn.refs++;
  return conn;
}

export async function releaseSqliteConnection(conn: SqliteConnection): Promise<void> {
  if (--conn.refs > 0) return;
  shared.delete(conn.key);
  await conn.close();
}

function openDatabase(Database: typeof BetterSqlite3, path: string): Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // WAL + FULL: every commit is on disk before it returns (the WAL is synced at each commit). With
    // NORMAL a power cut could lose the last commits: a placed order the customer already paid for,
    // or the "attempt started" stamp written before a SaveAllData (the push's exactly-once latch,
    // issue 8). The cost is one fsync per commit. A pulled page, which the next pull reads again if
    // it is lost, commits without it (TransactionOptions.relaxedDurability).
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return db;
  } catch (e) {
    throw new HamgamError(
      'STORAGE_UNAVAILABLE',
      `Cannot open SQLite database ${path}: ${(e as Error).message}`,
      undefined,
      { cause: e },
    );
  }
}
