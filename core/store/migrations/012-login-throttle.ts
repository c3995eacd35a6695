import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * Per-account sign-in limits (core/accounts/login-throttle.ts). One row per account name tried —
 * 'customer:<mobile>' or 'staff:<username>', whether or not the account exists, so a lockout answers
 * the same for both. `failures` counts sign-ins not (yet) proven good; `lock_ms` is the current
 * lockout, doubled each time it is applied; `locked_until` epoch ms. A good sign-in deletes the row.
 */
export const loginThrottleMigration: Migration = {
  id: 12,
  name: 'login-throttle',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE login_throttle (account_key ${t.text} PRIMARY KEY, failures ${t.int} NOT NULL, ` +
        `lock_ms ${t.bigint} NOT NULL, locked_until ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      'CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at)',
    ];
  },
};
