import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * push_outbox.seq: the order rows were written in, so the push leases (and Mahak receives) first-in
 * first-out (core/push/outbox-lease.ts). created_at alone cannot say it: two checkouts in the same
 * millisecond tied and the random row id decided. A new row takes the next value of
 * push_sequences 'outbox' in its checkout transaction; that UPDATE holds the row lock until commit on
 * PostgreSQL (SQLite has one writer), so seq also follows commit order, which an identity column
 * would not.
 *
 * Existing rows are numbered by created_at, ties by insertion order where the database keeps one
 * (SQLite's rowid) and by id otherwise; the sequence continues after them.
 */
export const outboxSeqMigration: Migration = {
  id: 20,
  name: 'outbox-seq',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    const tie = dialect === 'sqlite' ? 'rowid' : 'id';
    return [
      `ALTER TABLE push_outbox ADD COLUMN seq ${t.bigint} NOT NULL DEFAULT 0`,
      'UPDATE push_outbox SET seq = numbered.n FROM (' +
        `SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, ${tie}) AS n FROM push_outbox) AS numbered ` +
        'WHERE push_outbox.id = numbered.id',
      "INSERT INTO push_sequences (name, value) SELECT 'outbox', COUNT(*) FROM push_outbox",
      'CREATE UNIQUE INDEX push_outbox_seq_idx ON push_outbox (seq)',
    ];
  },
};
