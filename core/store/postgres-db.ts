import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Client, ClientBase, Pool, PoolConfig } from 'pg';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { PostgresListener } from './postgres-listener.js';
import { PostgresLocks } from './postgres-lock.js';
import { toPgPlaceholders } from './postgres-placeholders.js';
import type {
  ColumnType,
  ListenHandlers,
  QueryOptions,
  SqlDb,
  SqlExecutor,
  TransactionOptions,
  UpsertSpec,
} from './sql-db.js';
import { plainParam } from './sql-values.js';
import { columnList, conflictClause, dedupeRows, normaliseRows } from './upsert-sql.js';

interface TxState {
  client: ClientBase;
  open: boolean;
  savepoints: number;
  /** A statement other than a SELECT ran: its commit counts in writeCommits(). */
  wrote: boolean;
}

const arrayType: Record<ColumnType, string> = {
  int: 'bigint[]',
  float: 'double precision[]',
  text: 'text[]',
  json: 'text[]',
  bool: 'smallint[]',
};

/** int8 and numeric as JS numbers (refusing values beyond 2^53); JSON as text, like SQLite. */
function parseSafeNumber(text: string): number {
  const n = Number(text);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new HamgamError(
      'INTERNAL',
      `Integer ${text} from PostgreSQL is beyond 2^53 and cannot be represented exactly`,
    );
  }
  return n;
}

const oid = { int8: 20, numeric: 1700, json: 114, jsonb: 3802 } as const;

/**
 * The scale-out driver: a pg Pool; a transaction runs on one pooled client; calls from inside the
 * transaction's async context join it (AsyncLocalStorage). bulkUpsert sends one array per column
 * through unnest, so a page of any size is one statement with a fixed number of parameters.
 */
export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  private pool?: Pool;
  private locks?: PostgresLocks;
  private newClient?: (applicationName?: string) => Client;
  private readonly listeners = new Set<PostgresListener>();
  private readonly txContext = new AsyncLocalStorage<TxState>();
  private readonly rewritten = new Map<string, { text: string; name?: string; writes: boolean }>();
  private writes = 0;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async init(): Promise<void> {
    if (this.pool) return;
    const { default: pg } = await import('pg');
    const config: PoolConfig = {
      connectionString: this.url,
      application_name: 'hamgam',
      // A held lock connection may idle for hours; keepalives let both ends notice a dead peer.
      keepAlive: true,
      // Every statement here is a short one. PostgreSQL's JIT starts above a cost estimate, and the
      // estimates of a catalogue growing faster than its statistics (or of a plan told to avoid
      // scans) passed it: seconds of compiling for a storefront refresh that runs in a millisecond.
      options: '-c jit=off',
      max: 10,
      types: {
        getTypeParser: ((id: number, format?: string) => {
          if (id === oid.int8 || id === oid.numeric) return parseSafeNumber;
          if (id === oid.json || id === oid.jsonb) return (text: string) => text;
          return pg.types.getTypeParser(id, format as 'text');
        }) as never,
      },
    };
    const pool = new pg.Pool(config);
    pool.on('error', (e) => this.logger.warn({ err: e.message }, 'idle postgres connection failed'));
    try {
      await pool.query('SELECT 1');
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw unavailable(e);
    }
    this.pool = pool;
    this.newClient = (applicationName = 'hamgam') =>
      new pg.Client({ ...config, application_name: applicationName });
    this.locks = new PostgresLocks(() => this.newClient!(), this.logger);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    if (!pool) return;
    await this.locks?.releaseAll();
    await Promise.all([...this.listeners].map((l) => l.stop()));
    this.listeners.clear();
    this.pool = undefined;
    await pool.end();
  }

  query<T = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options?: QueryOptions,
  ): Promise<T[]> {
    return this.exec(this.current(), sql, params, options).then((r) => r.rows as T[]);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.exec(this.current(), sql, params).then((r) => r.rowCount ?? 0);
  }

  bulkUpsert(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Promise<number> {
    return this.bulkUpsertOn(this.current(), spec, rows);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const current = this.txContext.getStore();
    if (current?.open) return this.savepoint(current, fn, options);
    const client = await this.open()
      .connect()
      .catch((e: unknown) => {
        throw unavailable(e);
      });
    const state: TxState = { client, open: true, savepoints: 0, wrote: false };
    let broken: Error | undefined;
    // A checked-out client has no listener of the pool's: the server ending the connection between
    // two queries (a PostgreSQL restart, pg_terminate_backend) emits 'error' on it, which unheard
    // would crash the process. Heard, the next query of the transaction fails like any lost connection.
    const onLost = (e: Error) => (broken = e);
    client.on('error', onLost);
    try {
      // One round trip (a simple query may carry several statements): a pull page pays each one.
      await client.query(options?.relaxedDurability ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
      const result = await this.txContext.run(state, () => fn(this.executorFor(state)));
      const last = options?.finalStatement?.();
      if (last) state.wrote = true;
      await client.query(last ? `${last}; COMMIT` : 'COMMIT');
      if (state.wrote) this.writes++;
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError; // the connection is unusable: do not return it to the pool
      });
      throw e;
    } finally {
      state.open = false;
      client.off('error', onLost);
      client.release(broken);
    }
  }

  subscribe(channel: string, handlers: ListenHandlers): void {
    this.open();
    const newClient = this.newClient!;
    // Told apart from the pool's connections in pg_stat_activity.
    const listener = new PostgresListener(() => newClient('hamgam-listen'), channel, handlers, this.logger);
    this.listeners.add(listener);
    listener.start();
  }

  writeCommits(): number {
    return this.writes;
  }

  tryAcquireLock(name: string, owner: string, _ttlMs: number): Promise<boolean> {
    this.open();
    return this.locks!.tryAcquire(name, owner).catch((e: unknown) => {
      throw unavailable(e);
    });
  }

  releaseLock(name: string, owner: string): Promise<void> {
    return this.locks ? this.locks.release(name, owner) : Promise.resolve();
  }

  private current(): ClientBase | Pool {
    const tx = this.txContext.getStore();
    return tx?.open ? tx.client : this.open();
  }

  private async exec(on: ClientBase | Pool, sql: string, params: readonly unknown[], options?: QueryOptions) {
    let known = this.rewritten.get(sql);
    if (known === undefined) {
      known = { text: toPgPlaceholders(sql), writes: !/^\s*select\s/i.test(sql) };
      if (this.rewritten.size > 1000) this.rewritten.clear();
      this.rewritten.set(sql, known);
    }
    const values = params.map(plainParam);
    try {
      // pg refuses one name for two texts on a connection: the name is the text's own hash.
      if (options?.prepared) known.name ??= `h_${createHash('sha1').update(known.text).digest('base64url')}`;
      const result = options?.prepared
        ? await on.query({ name: known.name, text: known.text, values })
        : await on.query(known.text, values);
      if (known.writes) this.wrote(on);
      return result;
    } catch (e) {
      throw isConnectionError(e) ? unavailable(e) : e;
    }
  }

  private async bulkUpsertOn(
    on: ClientBase | Pool,
    spec: UpsertSpec,
    rows: readonly (readonly unknown[])[],
  ): Promise<number> {
    const values = normaliseRows(spec, dedupeRows(spec, rows));
    if (values.length === 0) return 0;
    const columns = spec.columns.map((c, i) => ({ ...c, values: values.map((row) => row[i]) }));
    const unnest = columns.map((c, i) => `$${i + 1}::${arrayType[c.type]}`).join(', ');
    const aliases = columns.map((_, i) => `c${i}`);
    const select = columns.map((c, i) => (c.type === 'json' ? `u.c${i}::jsonb` : `u.c${i}`)).join(', ');
    const sql =
      `INSERT INTO ${spec.table} AS t (${columnList(spec)}) SELECT ${select} FROM unnest(${unnest}) AS u(${aliases.join(', ')})` +
      conflictClause(spec);
    // Parameters are already $n here, so bypass the ? rewriting.
    const result = await on
      .query(
        sql,
        columns.map((c) => c.values),
      )
      .catch((e: unknown) => {
        throw isConnectionError(e) ? unavailable(e) : e;
      });
    this.wrote(on);
    return result.rowCount ?? 0;
  }

  /**
   * Counts a write this process made (writeCommits): at once when it ran outside a transaction, at
   * its transaction's commit otherwise. Anything but a SELECT counts, so a count never misses one.
   */
  private wrote(on: ClientBase | Pool): void {
    const tx = this.txContext.getStore();
    if (tx?.open && tx.client === on) tx.wrote = true;
    else if (on === this.pool) this.writes++;
  }

  private async savepoint<T>(
    state: TxState,
    fn: (tx: SqlExecutor) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    const name = `sp_${++state.savepoints}`;
    await state.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this.executorFor(state));
      const last = options?.finalStatement?.();
      if (last) await this.exec(state.client, last, []);
      await state.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      await state.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw e;
    }
  }

  private executorFor(state: TxState): SqlExecutor {
    const client = (): ClientBase => {
      if (!state.open) throw new Error('PostgreSQL transaction already finished');
      return state.client;
    };
    return {
      dialect: this.dialect,
      query: async <T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) =>
        (await this.exec(client(), sql, params, options)).rows as T[],
      run: async (sql, params = []) => (await this.exec(client(), sql, params)).rowCount ?? 0,
      bulkUpsert: (spec, rows) => this.bulkUpsertOn(client(), spec, rows),
    };
  }

  private open(): Pool {
    if (!this.pool)
      throw new HamgamError(
        'STORAGE_UNAVAILABLE',
        'PostgreSQL pool is not open (init() not called or closed)',
      );
    return this.pool;
  }
}

/** Connection-class failures (refused, reset, admin shutdown, SQLSTATE class 08/57P). */
function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (typeof err?.code !== 'string') return /Connection terminated|not queryable/i.test(err?.message ?? '');
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|08|57P0[1-3])/.test(err.code);
}

function unavailable(e: unknown): HamgamError {
  if (e instanceof HamgamError) return e;
  return new HamgamError(
    'STORAGE_UNAVAILABLE',
    `PostgreSQL is not reachable: ${(e as Error).message}`,
    undefined,
    { cause: e },
  );
}
