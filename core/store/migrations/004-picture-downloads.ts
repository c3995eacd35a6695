import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * Failed picture downloads (core/sync/picture-sync.ts): one row per picture whose current RowVersion
 * could not be downloaded yet. `attempts` counts failures of THIS row_version (a newer RowVersion starts
 * again at 1); `dead_lettered` 1 = given up and handed to dead_letters, skipped until the row changes.
 * The row is deleted when the download succeeds. History is JSON text, read back whole.
 */
export const pictureDownloadsMigration: Migration = {
  id: 4,
  name: 'picture-downloads',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE picture_downloads (picture_id ${t.bigint} PRIMARY KEY, row_version ${t.bigint} NOT NULL, ` +
        `attempts ${t.int} NOT NULL, history ${t.text} NOT NULL, last_error ${t.text} NOT NULL, ` +
        `dead_lettered ${t.bool} NOT NULL DEFAULT 0, updated_at ${t.bigint} NOT NULL)`,
    ];
  },
};
