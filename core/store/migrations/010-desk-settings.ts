import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * Settings the desk changes (core/settings): one row per key, the value as JSON text; a secret (the
 * Mahak password) is stored AES-256-GCM encrypted with a key kept outside the database. Keys starting
 * with `state.` are the first-run setup's own facts, not settings. (`settings` is already taken by
 * Mahak's pulled Settings.) Staff accounts can be disabled: the row stays for the audit trail.
 */
export const deskSettingsMigration: Migration = {
  id: 10,
  name: 'desk-settings',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE app_settings (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL, ` +
        `updated_at ${t.bigint} NOT NULL, updated_by ${t.text})`,
      `ALTER TABLE staff_accounts ADD COLUMN disabled_at ${t.bigint}`,
    ];
  },
};
