import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { PostgresDb } from './postgres-db.js';
import type { SqlDb } from './sql-db.js';
import { SqlStorage, type StorageOptions } from './sql-storage.js';
import { SqliteDb } from './sqlite-db.js';
import type { Storage } from './storage.js';

/**
 * Picks the driver from the URL: `sqlite:<path>` (the embedded default; `sqlite::memory:` for tests)
 * or `postgres://...`. The drivers load their client library (better-sqlite3, pg) lazily in init().
 */
export function createSqlDb(dbUrl: string, logger: Logger): SqlDb {
  if (/^sqlite:/.test(dbUrl)) return new SqliteDb(dbUrl, logger.child({ component: 'sqlite' }));
  if (/^postgres(ql)?:\/\//.test(dbUrl))
    return new PostgresDb(dbUrl, logger.child({ component: 'postgres' }));
  throw new HamgamError(
    'CONFIG_INVALID',
    `Unsupported database URL (expected sqlite:<path> or postgres://...): ${redactUrl(dbUrl)}`,
    [{ key: 'db', env: 'HAMGAM_DB', problem: 'must be sqlite:<path> or postgres://...' }],
  );
}

/** The Storage port for a database URL; call init() to connect and migrate. */
export function createStorage(dbUrl: string, logger: Logger, options: StorageOptions = {}): Storage {
  return new SqlStorage(createSqlDb(dbUrl, logger), logger.child({ component: 'storage' }), options);
}

/** A database URL fit for a log line or an error: the password is replaced. */
export function redactUrl(dbUrl: string): string {
  return dbUrl.replace(/^(\w+:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
