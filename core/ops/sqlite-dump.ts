import { rm } from 'node:fs/promises';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { SqliteDb, sqlitePathOf } from '../store/sqlite-db.js';
import type { TableDigest } from '../store/table-checksum.js';
import { storeDigests } from './store-digests.js';

/**
 * Online backup of the store's SQLite file into `file` while Hamgam keeps running (SQLite's backup
 * API through the store's own connection), then the digests of the copy: the copy is one consistent
 * moment, the live database has moved on by the time they could be read there.
 */
export async function dumpSqlite(
  db: SqliteDb,
  file: string,
  logger: Logger,
): Promise<Record<string, TableDigest>> {
  await db.backupTo(file);
  const copy = new SqliteDb(`sqlite:${file}`, logger);
  await copy.init();
  try {
    const digests = await storeDigests(copy);
    // A plain rollback-journal file: opening it read-only later (restore) then leaves nothing beside it.
    await copy.run('PRAGMA journal_mode = DELETE');
    return digests;
  } finally {
    await copy.close();
    // Opening the copy in WAL mode may leave side files; the backup is the one file.
    await Promise.all([rm(`${file}-wal`, { force: true }), rm(`${file}-shm`, { force: true })]);
  }
}

/**
 * Writes the backup into the database at `dbUrl` with SQLite's backup API in reverse (the dump is the
 * source): the target is replaced in one step, under SQLite's own locking, and a target in WAL mode
 * stays consistent. Stop Hamgam first: a running engine would keep working on what it read before.
 */
export async function restoreSqlite(dumpFile: string, dbUrl: string): Promise<void> {
  const target = sqlitePathOf(dbUrl);
  if (target === ':memory:')
    throw new HamgamError('VALIDATION_FAILED', 'Cannot restore into an in-memory SQLite database');
  const { default: Database } = await import('better-sqlite3');
  const source = new Database(dumpFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } catch (e) {
    throw new HamgamError(
      'BACKUP_FAILED',
      `Writing the backup into ${target} failed: ${(e as Error).message}`,
      undefined,
      { cause: e },
    );
  } finally {
    source.close();
  }
}
