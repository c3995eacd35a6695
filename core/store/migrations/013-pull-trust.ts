import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * A pull that survives the Mahak we cannot see (issue 8).
 *
 * checkpoint_history: every value an entity's checkpoint took, and when. A pull re-reads from where
 * the checkpoint stood some minutes before the previous pull began (a window in time, not in
 * RowVersions: ARCHITECTURE.md invariant 1), so it needs to know where it stood then. Seeded with the
 * checkpoints of today at their updated_at.
 *
 * pull_pages gains prev_seq (the entity's previous page in the same run, -1 for its first), the
 * page's checkpoint and a state: applied | dead (dead-lettered by the queue) | discarded (by staff).
 * pull_frontiers keeps, per run and entity, the last page of the contiguous run of settled pages:
 * the checkpoint moves only over that run, so a failed page is never overtaken (invariant 2).
 *
 * dead_letters.dedupe_key: the same bad record re-read in every window is one letter, and a letter
 * handed over twice by the queue (a crash between the sink and the ack) is kept once. A discarded
 * letter leaves its key in dead_letter_tombstones, so staff are not asked about it again.
 */
export const pullTrustMigration: Migration = {
  id: 13,
  name: 'pull-trust',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE checkpoint_history (entity ${t.text} NOT NULL, row_version ${t.bigint} NOT NULL, ` +
        `recorded_at ${t.bigint} NOT NULL, PRIMARY KEY (entity, row_version))`,
      'CREATE INDEX checkpoint_history_idx ON checkpoint_history (entity, recorded_at)',
      'INSERT INTO checkpoint_history (entity, row_version, recorded_at) SELECT entity, row_version, updated_at FROM checkpoints',
      `ALTER TABLE pull_pages ADD COLUMN prev_seq ${t.int}`,
      `ALTER TABLE pull_pages ADD COLUMN checkpoint ${t.bigint}`,
      `ALTER TABLE pull_pages ADD COLUMN state ${t.text} NOT NULL DEFAULT 'applied'`,
      'CREATE INDEX pull_pages_prev_idx ON pull_pages (run_id, entity, prev_seq)',
      `CREATE TABLE pull_frontiers (run_id ${t.text} NOT NULL, entity ${t.text} NOT NULL, seq ${t.int} NOT NULL, ` +
        `updated_at ${t.bigint} NOT NULL, PRIMARY KEY (run_id, entity))`,
      `ALTER TABLE dead_letters ADD COLUMN dedupe_key ${t.text}`,
      'CREATE UNIQUE INDEX dead_letters_dedupe_idx ON dead_letters (dedupe_key)',
      // A letter staff discarded stays discarded: the same record re-read later is not a new letter.
      `CREATE TABLE dead_letter_tombstones (dedupe_key ${t.text} PRIMARY KEY, at ${t.bigint} NOT NULL)`,
    ];
  },
};
