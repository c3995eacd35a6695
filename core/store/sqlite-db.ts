import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb, SqlExecutor, TransactionOptions, UpsertSpec } from './sql-db.js';
import {
  acquireSqliteConnection,
  releaseSqliteConnection,
  type SqliteConnection,
} from './sqlite-connection.js';

/** `sqlite:<path>`, `sqlite:///abs/path` or `sqlite::memory:` -> the file path better-sqlite3 opens. */
export function sqlitePathOf(url: string): string {
  const rest = url.replace(/^sqlite:/, '');
  if (rest === ':memory:' || rest === '') return ':memory:';
  return rest.startsWith('//') ? rest.slice(2) : rest;
}

/**
 * The embedded default driver (WAL, synchronous=NORMAL, busy_timeout). better-sqlite3 is loaded on
 * init(); the connection is shared with other SqliteDb instances of this process on the same file.
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private conn?: SqliteConnection;
  private readonly path: string;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.path = sqlitePathOf(url);
  }

  async init(): Promise<void> {
    if (this.conn) return;
    this.conn = await acquireSqliteConnection(this.path);
    this.logger.debug({ path: this.path }, 'sqlite opened');
  }

  async close(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    if (conn) await releaseSqliteConnection(conn);
  }

  query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.open().query<T>(sql, params);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.open().run(sql, params);
  }

  bulkUpsert(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Promise<number> {
    return this.open().bulkUpsert(spec, rows);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.open().transaction(fn, options);
  }

  /**
   * Lease row: taken when free, expired, or already ours (a renewal). One statement, so two processes
   * racing for it are serialised by SQLite's write lock. A holder that dies keeps it until expires_at.
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

  /** Online backup of the whole database into `file` (see SqliteConnection.backupTo). */
  backupTo(file: string): Promise<void> {
    return this.open().backupTo(file);
  }

  private open(): SqliteConnection {
    if (!this.conn)
      throw new HamgamError(
        'STORAGE_UNAVAILABLE',
        'SQLite database is not open (init() not called or closed)',
      );
    return this.conn;
  }
}
