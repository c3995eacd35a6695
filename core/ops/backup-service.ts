import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { migrations as knownMigrations } from '../store/migrations/index.js';
import { migrationStatus, runMigrations, type AppliedMigration } from '../store/migrate.js';
import type { SqlDb } from '../store/sql-db.js';
import { SqliteDb } from '../store/sqlite-db.js';
import { appVersion } from './app-version.js';
import { backupFormat, backupNameAt, type BackupManifest } from './backup-manifest.js';
import type { BackupTarget } from './backup-target.js';
import { dumpPostgres, restorePostgres } from './postgres-dump.js';
import { markRestored } from './restore-marker.js';
import { dumpSqlite, restoreSqlite } from './sqlite-dump.js';
import { digestMismatches, storeDigests } from './store-digests.js';

export interface BackupOptions {
  db: SqlDb;
  dbUrl: string;
  target: BackupTarget;
  logger: Logger;
  now?: Date;
}

/** Dumps the store while it runs, records what it holds in the manifest, saves both to the target. */
export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  const { db, dbUrl, target } = options;
  const scratch = await mkdtemp(join(tmpdir(), 'hamgam-backup-'));
  try {
    const name = backupNameAt(options.now ?? new Date());
    const file = join(scratch, db.dialect === 'sqlite' ? 'hamgam.sqlite' : 'hamgam.pgdump');
    const applied = (await migrationStatus(db)).applied;
    const tables =
      db.dialect === 'sqlite'
        ? await dumpSqlite(db as SqliteDb, file, options.logger)
        : await dumpPostgres(db, dbUrl, file);
    const manifest: BackupManifest = {
      format: backupFormat,
      name,
      createdAt: (options.now ?? new Date()).toISOString(),
      appVersion: appVersion(),
      dialect: db.dialect,
      schema: { version: applied.at(-1)?.id ?? 0, migrations: applied },
      dump: { file: file.slice(scratch.length + 1), ...(await fileDigest(file)) },
      tables,
    };
    await target.save(file, manifest);
    options.logger.info({ backup: name, target: target.description }, 'backup saved');
    return manifest;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Keeps the newest `keep` backups in the target; returns the names removed. */
export async function pruneBackups(target: BackupTarget, keep: number): Promise<string[]> {
  const names = await target.list();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await target.remove(name);
  return old;
}

/**
 * Refuses a backup this build cannot read: one from the other database kind, or one whose schema has
 * a migration this build does not know (made by a newer Hamgam). Nothing is touched before this.
 */
export function assertRestorable(manifest: BackupManifest, dialect: SqlDb['dialect']): void {
  const known = new Set(knownMigrations.map((m) => m.id));
  const unknown = manifest.schema.migrations.filter((m) => !known.has(m.id));
  if (unknown.length > 0) {
    throw new HamgamError(
      'BACKUP_NEWER_SCHEMA',
      `Backup ${manifest.name} has schema ${manifest.schema.version} (Hamgam ${manifest.appVersion}); this build knows up to ${knownMigrations.at(-1)?.id ?? 0}`,
      { backup: manifest.name, unknownMigrations: unknown, appVersion: manifest.appVersion },
    );
  }
  if (manifest.dialect !== dialect) {
    throw new HamgamError(
      'BACKUP_INVALID',
      `Backup ${manifest.name} is of a ${manifest.dialect} database, the target is ${dialect}: restore it into a ${manifest.dialect} database, then use hamgam migrate-data`,
      { backup: manifest.name, backupDialect: manifest.dialect, targetDialect: dialect },
    );
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  tablesVerified: number;
  migrated: AppliedMigration[];
}

export interface RestoreOptions {
  dbUrl: string;
  dialect: SqlDb['dialect'];
  /** Opens the restored database (the CLI: createSqlDb on dbUrl). */
  open: () => Promise<SqlDb>;
  target: BackupTarget;
  name: string;
  logger: Logger;
}

/**
 * Checks the backup (schema, kind, the dump's size and hash), replaces the database with it, verifies
 * every table against the manifest's digests, migrates it to this build's schema, and leaves the
 * marker that makes the push move its ClientIds past Mahak's before it sends anything again.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const manifest = await options.target.readManifest(options.name);
  assertRestorable(manifest, options.dialect);
  const scratch = await mkdtemp(join(tmpdir(), 'hamgam-restore-'));
  try {
    const dump = await options.target.dumpPath(manifest, scratch);
    await assertDumpIntact(dump, manifest);
    if (options.dialect === 'sqlite') await restoreSqlite(dump, options.dbUrl);
    const db = await options.open();
    try {
      if (options.dialect === 'postgres')
        await restorePostgres(db, options.dbUrl, dump, join(scratch, 'restore.list'));
      const tablesVerified = await verifyRestored(db, manifest);
      const migrated = await runMigrations(db, options.logger);
      await markRestored(db, manifest);
      options.logger.info({ backup: manifest.name, migrated: migrated.length }, 'backup restored');
      return { manifest, tablesVerified, migrated };
    } finally {
      await db.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function verifyRestored(db: SqlDb, manifest: BackupManifest): Promise<number> {
  const actual = await storeDigests(db);
  const bad = digestMismatches(manifest.tables, actual);
  if (bad.length > 0) {
    throw new HamgamError(
      'BACKUP_FAILED',
      `The restored database differs from backup ${manifest.name} in: ${bad.map((b) => b.table).join(', ')}`,
      { mismatches: bad },
    );
  }
  return Object.keys(manifest.tables).length;
}

async function assertDumpIntact(file: string, manifest: BackupManifest): Promise<void> {
  const size = (await stat(file).catch(() => undefined))?.size;
  const actual = size === undefined ? undefined : await fileDigest(file);
  if (!actual || actual.bytes !== manifest.dump.bytes || actual.sha256 !== manifest.dump.sha256) {
    throw new HamgamError('BACKUP_INVALID', `${manifest.name}: the dump file is missing or damaged`, {
      expected: manifest.dump,
      actual: actual ?? null,
    });
  }
}

async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
