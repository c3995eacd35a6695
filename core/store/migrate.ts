import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import type { SqlDb, SqlExecutor } from './sql-db.js';
import { sqlTypes } from './sql-types.js';

export interface AppliedMigration {
  id: number;
  name: string;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: Migration[];
  /** Applied in the database but unknown to this build (the database is newer than the code). */
  unknown: AppliedMigration[];
}

/** Serialises concurrent migrators on PostgreSQL (several instances starting at once). */
const pgMigrationLockKey = 48_151_623;

/**
 * Applies pending migrations in id order, each in its own transaction together with its
 * schema_migrations row; running again is a no-op. Returns what it applied.
 */
export async function runMigrations(
  db: SqlDb,
  logger: Logger,
  list: readonly Migration[] = allMigrations,
): Promise<AppliedMigration[]> {
  assertOrdered(list);
  await ensureMigrationsTable(db);
  const { pending, unknown } = await migrationStatus(db, list);
  if (unknown.length > 0) {
    throw new HamgamError(
      'STORAGE_SCHEMA_MISMATCH',
      `The database has migrations this build does not know: ${unknown.map((m) => m.id).join(', ')}`,
      {
        unknown,
      },
    );
  }
  const applied: AppliedMigration[] = [];
  for (const migration of pending) {
    const done = await db.transaction(async (tx) => {
      await lockForMigration(tx);
      const already = await tx.query('SELECT id FROM schema_migrations WHERE id = ?', [migration.id]);
      if (already.length > 0) return false; // another instance got there first
      for (const statement of migration.up(db.dialect)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [
        migration.id,
        migration.name,
        Date.now(),
      ]);
      return true;
    });
    if (done) {
      applied.push({ id: migration.id, name: migration.name });
      logger.info({ migration: migration.id, name: migration.name }, 'migration applied');
    }
  }
  return applied;
}

export async function migrationStatus(
  db: SqlDb,
  list: readonly Migration[] = allMigrations,
): Promise<MigrationStatus> {
  await ensureMigrationsTable(db);
  const rows = await db.query<{ id: number; name: string }>(
    'SELECT id, name FROM schema_migrations ORDER BY id',
  );
  const appliedIds = new Set(rows.map((r) => Number(r.id)));
  const known = new Set(list.map((m) => m.id));
  return {
    applied: rows.map((r) => ({ id: Number(r.id), name: r.name })),
    pending: list.filter((m) => !appliedIds.has(m.id)),
    unknown: rows.filter((r) => !known.has(Number(r.id))).map((r) => ({ id: Number(r.id), name: r.name })),
  };
}

async function ensureMigrationsTable(db: SqlDb): Promise<void> {
  const t = sqlTypes(db.dialect);
  await db.transaction(async (tx) => {
    await lockForMigration(tx);
    await tx.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (id ${t.int} PRIMARY KEY, name ${t.text} NOT NULL, applied_at ${t.bigint} NOT NULL)`,
    );
  });
}

async function lockForMigration(tx: SqlExecutor): Promise<void> {
  // SQLite needs nothing: BEGIN IMMEDIATE already holds the database's single write lock.
  if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [pgMigrationLockKey]);
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (i > 0 && m.id <= list[i - 1].id)
      throw new Error(`Migrations out of order: ${list[i - 1].id} then ${m.id}`);
  });
}
