import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * Registration by SMS code (core/accounts/registration-by-code.ts): one live code per mobile, as
 * otp_codes, with the pending profile (names and the password's scrypt hash, never the password) as
 * JSON in `payload` until the code creates the account. otp_codes gets the same column so both flows
 * share one code store (core/accounts/one-time-codes.ts).
 */
export const registrationCodesMigration: Migration = {
  id: 18,
  name: 'registration-codes',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `ALTER TABLE otp_codes ADD COLUMN payload ${t.text}`,
      `CREATE TABLE registration_codes (mobile ${t.text} PRIMARY KEY, code_hash ${t.text} NOT NULL, ` +
        `expires_at ${t.bigint} NOT NULL, attempts ${t.int} NOT NULL DEFAULT 0, sent_at ${t.bigint} NOT NULL, ` +
        `payload ${t.text})`,
    ];
  },
};
