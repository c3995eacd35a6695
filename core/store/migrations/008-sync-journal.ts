import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * The desk's run journal (core/sync/run-journal-repo.ts): one row per sync run with its scope
 * ('all', 'entity:<Name>', 'record:<Name>:<id>'), per-entity counts, the notable log lines (bounded per
 * run) and the failure as {code, message, details} so the desk can explain it with today's wording.
 * Only the newest runs are kept (pruned after each run).
 */
export const syncJournalMigration: Migration = {
  id: 8,
  name: 'sync-journal',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE sync_run_journal (run_id ${t.text} PRIMARY KEY, scope ${t.text} NOT NULL, ` +
        `entities ${t.json} NOT NULL, log ${t.json} NOT NULL, log_truncated ${t.int} NOT NULL, error ${t.json}, ` +
        `updated_at ${t.bigint} NOT NULL)`,
      'CREATE INDEX sync_run_journal_updated_at_idx ON sync_run_journal (updated_at)',
    ];
  },
};
