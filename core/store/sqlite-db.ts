import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { AsyncMutex } from './async-mutex.js';
import type { SqlDb, SqlExecutor, UpsertSpec } from './sql-db.js';
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

/** `sqlite:<path>`, `sqlite:///abs/path` or `sqlite::memory:` -> the file path better-sqlite3 opens. */
export function sqlitePathOf(url: string): string {
  const rest = url.replace(/^sqlite:/, '');
  if (rest === ':memory:' || rest === '') return ':memory:';
  return rest.startsWith('//') ? rest.slice(2) : rest;
}

/**
 * The embedded default driver. better-sqlite3 is synchronous; this wraps it in the async SqlDb
 * interface. A transaction may span awaits, so every statement takes turns through an async mutex
 * and calls from inside a transaction's async context join it (AsyncLocalStorage) instead of waiting.
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private db?: Database;
  private readonly mutex = new AsyncMutex();
  private readonly txContext = new AsyncLocalStorage<TxState>();
  private readonly statements = new Map<string, Statement>();
  private readonly path: string;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.path = sqlitePathOf(url);
  }

  async init(): Promise<void> {
    if (this.db) return;
    const { default: Database } = await import('better-sqlite3');
    try {
      if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
      const db = new Database(this.path);
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a power cut may lose the last commits but never corrupts; the pull re-reads them.
      db.pragma('synchronous = NORMAL');
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      this.db = db;
    } catch (e) {
      throw new HamgamError(
        'STORAGE_UNAVAILABLE',
        `Cannot open SQLite database ${this.path}: ${(e as Error).message}`,
        undefined,
        {
          cause: e,
        },
      );
    }
    this.logger.debug({ path: this.path }, 'sqlite opened');
  }

  async close(): Promise<void> {
    const db = this.db;
    if (!db) return;
    await this.mutex.run(() => {
      this.statements.clear();
      db.close();
      this.db = undefined;
    });
  }

  query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.exec(() => this.querySync<T>(sql, params));
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.exec(() => this.runSync(sql, params));
  }

  bulkUpsert(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Promise<number> {
    return this.exec(() => this.inlineTransaction(() => this.bulkUpsertSync(spec, rows)));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const current = this.txContext.getStore();
    if (current?.open) return this.savepoint(current, fn);
    return this.mutex.run(async () => {
      const db = this.open();
      db.exec('BEGIN IMMEDIATE');
      const state: TxState = { open: true, savepoints: 0 };
      try {
        const result = await this.txContext.run(state, () => fn(this.executorFor(state)));
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      } finally {
        state.open = false;
      }
    });
  }

  /**
   * Lease row: taken when free, expired, or already ours (a renewal). One statement, so two processes
   * racing for it are serialised by SQLite's write lock.
   */
  async tryAcquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const changed = await this.run(
      `INSERT INTO locks AS t (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE t.expires_at <= ? OR t.owner = excluded.owner`,
      [name, owner, now + ttlMs, now],
    );
    return changed > 0;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.run('DELETE FROM locks WHERE name = ? AND owner = ?', [name, owner]);
  }

  private exec<T>(op: () => T): Promise<T> {
    const current = this.txContext.getStore();
    if (current?.open) return Promise.resolve().then(op);
    return this.mutex.run(op);
  }

  private async savepoint<T>(state: TxState, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const db = this.open();
    const name = `sp_${++state.savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this.executorFor(state));
      db.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      db.exec(`ROLLBACK TO SAVEPOINT ${name}`);
      db.exec(`RELEASE SAVEPOINT ${name}`);
      throw e;
    }
  }

  private executorFor(state: TxState): SqlExecutor {
    const guard = <T>(op: () => T): Promise<T> => {
      if (!state.open) return Promise.reject(new Error('SQLite transaction already finished'));
      return Promise.resolve().then(op);
    };
    return {
      dialect: this.dialect,
      query: <T>(sql: string, params: readonly unknown[] = []) => guard(() => this.querySync<T>(sql, params)),
      run: (sql, params = []) => guard(() => this.runSync(sql, params)),
      bulkUpsert: (spec, rows) => guard(() => this.bulkUpsertSync(spec, rows)),
    };
  }

  /** Several statements of one bulkUpsert are atomic even outside an explicit transaction. */
  private inlineTransaction<T>(op: () => T): T {
    const db = this.open();
    return db.inTransaction ? op() : db.transaction(op)();
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
      const stmt = this.prepare(upsertSql(spec, chunk.length));
      changed += stmt.run(...chunk.flat()).changes;
    }
    return changed;
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.open().prepare(sql) as Statement;
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private open(): Database {
    if (!this.db)
      throw new HamgamError(
        'STORAGE_UNAVAILABLE',
        'SQLite database is not open (init() not called or closed)',
      );
    return this.db;
  }
}

function upsertSql(spec: UpsertSpec, rowCount: number): string {
  const tuple = `(${spec.columns.map(() => '?').join(', ')})`;
  const values = Array.from({ length: rowCount }, () => tuple).join(', ');
  return `INSERT INTO ${spec.table} AS t (${columnList(spec)}) VALUES ${values}${conflictClause(spec)}`;
}
