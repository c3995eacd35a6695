import type { ColumnType } from '../domain/catalog-mapping-types.js';

export type { ColumnType };
export type Dialect = 'sqlite' | 'postgres';

/**
 * The SQL executor beneath the Storage port: the only part that differs per driver.
 * SQL is written once with `?` placeholders (the postgres driver rewrites them to $1..$n; a `?` inside a
 * quoted string is left alone; do not use the jsonb `?` operator, use jsonb_exists()) in the common
 * subset of SQLite and PostgreSQL: INSERT ... AS t ... ON CONFLICT ... DO UPDATE ... WHERE, RETURNING,
 * row values `(a, b) > (?, ?)`, integers for timestamps (epoch ms) and booleans (0/1).
 *
 * Values read back are the same on both drivers: integers (int8 too) and numerics as JS numbers,
 * JSON columns as TEXT (parse with `readJson` from sql-values.ts), booleans as 0/1.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<T[]>;
  /** For statements without rows; returns the number of rows changed (rows returned for RETURNING). */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Fast multi-row upsert (unnest on PostgreSQL, a prepared multi-row INSERT on SQLite). Rows with the
   * same key are reduced to one first (highest guard wins, the later row on a tie). Returns the number
   * of rows inserted or updated (rows stopped by the guard do not count).
   */
  bulkUpsert(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Promise<number>;
}

export interface SqlDb extends SqlExecutor {
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs fn in one transaction; commits when it resolves, rolls back when it throws. Calls made on the
   * SqlDb itself from inside fn (same async context) join the transaction; a nested transaction() is a
   * savepoint. On SQLite other callers wait until the transaction ends (one connection, async mutex).
   * A failed statement aborts the whole transaction on PostgreSQL (SQLite only undoes the statement):
   * for an expected failure use ON CONFLICT, or wrap it in a nested transaction() so only that rolls back.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Advisory lock (postgres: held by a dedicated connection, ttlMs ignored, lost with the connection)
   * or lease row (sqlite: expires after ttlMs unless renewed). Calling again with the same owner renews
   * and confirms the lock is still held.
   */
  tryAcquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  /**
   * PostgreSQL only: LISTEN on `channel` from a dedicated connection, opened again after any loss, until
   * close(). The handlers say when notifications can be trusted (postgres-listener.ts).
   */
  subscribe?(channel: string, handlers: ListenHandlers): void;
  /**
   * PostgreSQL only: how many writes (statements other than SELECT, outside a transaction, or
   * transactions with one) this SqlDb has committed so far. A reader that last read the database when
   * the count was n has seen every write this process committed while the count is still n.
   */
  writeCommits?(): number;
}

/** What a subscriber to a PostgreSQL NOTIFY channel hears (SqlDb.subscribe). */
export interface ListenHandlers {
  /** A NOTIFY on the channel, delivered after its transaction committed. */
  onMessage(payload: string): void;
  /** LISTEN is in effect on a fresh connection: every commit from now on will be heard. */
  onListening(): void;
  /** The connection ended (or never opened): notifications may be missed until onListening again. */
  onLost(err?: Error): void;
}

export interface QueryOptions {
  /**
   * A fixed statement run very often (a storefront page): PostgreSQL keeps it parsed per connection
   * under a name made from its text, and after five runs may keep its plan too (plan_cache_mode auto),
   * so a run skips the parse and plan that cost more than executing it. Only for statements whose plan
   * does not depend on the values bound (a LIKE pattern's selectivity does). SQLite already keeps every
   * statement prepared: ignored there.
   */
  prepared?: boolean;
}

export interface TransactionOptions {
  /**
   * The commit may return before it is on disk (SQLite synchronous=NORMAL, PostgreSQL
   * synchronous_commit=off). Still atomic: a power cut or a database crash can lose the last such
   * commits whole, never half of one, and a later durable commit makes every earlier one durable too.
   * Only for work that is redone when lost (a pulled page: its rows and checkpoint go together, so
   * the next pull reads it again). Ignored by a nested transaction, which is its parent's.
   */
  relaxedDurability?: boolean;
  /**
   * A statement without parameters run last, once fn has resolved (undefined: none). PostgreSQL sends
   * it in the COMMIT's round trip, so a row lock it takes is held for the commit alone: a pulled page
   * bumps the catalogue version this way (pull-page-apply.ts), and the pages committing beside it wait
   * on that row only that long. In a nested transaction it runs at the end of the savepoint.
   */
  finalStatement?: () => string | undefined;
}

export interface UpsertSpec {
  table: string;
  /** Column order = value order in each row. */
  columns: readonly { name: string; type: ColumnType }[];
  /** Conflict target column(s); empty = plain INSERT. */
  key: readonly string[];
  /**
   * Monotonic guard (invariant 3): update only WHERE excluded.<guard> > t.<guard>.
   * Omit for plain last-write-wins.
   */
  guard?: string;
  /** Written when the row is inserted, left as it is when the row is updated (the shop's own fields). */
  keepOnUpdate?: readonly string[];
}
