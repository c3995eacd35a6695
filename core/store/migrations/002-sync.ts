import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/** Bookkeeping of the sync itself: checkpoints, applied pages, dead letters, runs, lease locks. */
export const syncMigration: Migration = {
  id: 2,
  name: 'sync',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      // Invariant 2: written in the same transaction as the page's rows.
      `CREATE TABLE checkpoints (entity ${t.text} PRIMARY KEY, row_version ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      // A page recorded here was applied; a queue redelivery of it is recognised and counted once.
      `CREATE TABLE pull_pages (run_id ${t.text} NOT NULL, entity ${t.text} NOT NULL, seq ${t.int} NOT NULL, ` +
        `record_count ${t.int} NOT NULL, changed ${t.int} NOT NULL, applied_at ${t.bigint} NOT NULL, PRIMARY KEY (run_id, entity, seq))`,
      // Invariant 6: nothing is dropped silently.
      `CREATE TABLE dead_letters (id ${t.autoId}, source ${t.text} NOT NULL, kind ${t.text} NOT NULL, payload ${t.json}, ` +
        `reason ${t.text} NOT NULL, attempts ${t.int} NOT NULL, history ${t.json} NOT NULL, created_at ${t.bigint} NOT NULL)`,
      `CREATE TABLE sync_runs (id ${t.text} PRIMARY KEY, kind ${t.text} NOT NULL, started_at ${t.bigint} NOT NULL, ` +
        `finished_at ${t.bigint}, status ${t.text} NOT NULL, stats ${t.json} NOT NULL, error ${t.text})`,
      'CREATE INDEX sync_runs_started_at_idx ON sync_runs (started_at)',
      // Lease rows for SQLite (PostgreSQL uses advisory locks; the table is harmless there).
      `CREATE TABLE locks (name ${t.text} PRIMARY KEY, owner ${t.text} NOT NULL, expires_at ${t.bigint} NOT NULL)`,
    ];
  },
};
