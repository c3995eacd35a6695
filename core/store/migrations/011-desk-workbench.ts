import type { Migration } from './migration.js';

/**
 * Indexes for the desk's workbench: reports read orders, dead letters and disputes by a time range
 * (report-queries.ts), and the dead-letter list filters by source and kind, newest first.
 */
export const deskWorkbenchMigration: Migration = {
  id: 11,
  name: 'desk-workbench',
  up(): string[] {
    return [
      'CREATE INDEX orders_created_at_idx ON orders (created_at)',
      'CREATE INDEX dead_letters_created_at_idx ON dead_letters (created_at)',
      'CREATE INDEX dead_letters_source_idx ON dead_letters (source, kind, id)',
      'CREATE INDEX push_disputes_created_at_idx ON push_disputes (created_at)',
    ];
  },
};
