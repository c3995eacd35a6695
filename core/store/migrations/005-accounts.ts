import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * Storefront customer accounts, staff accounts and their sessions (core/accounts). Ids are UUID text
 * (the push payload carries `customerId` as a string); times are epoch ms. `customer_accounts` is the
 * store's own table, apart from `customers` (Mahak's People, filled by the pull): an account links to
 * a Mahak person through `mahak_person_id` once known, and `person_client_id` is allocated by the push
 * when the account is first sent to Mahak (core/domain/client-ids.ts).
 */
export const accountsMigration: Migration = {
  id: 5,
  name: 'accounts',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE customer_accounts (id ${t.text} PRIMARY KEY, mobile ${t.text} NOT NULL, password_hash ${t.text}, ` +
        `first_name ${t.text} NOT NULL, last_name ${t.text} NOT NULL, email ${t.text}, search_text ${t.text} NOT NULL, ` +
        `person_client_id ${t.bigint}, mahak_person_id ${t.bigint}, created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      // Mobile numbers are stored normalised (09xxxxxxxxx), so the unique index is the duplicate check.
      'CREATE UNIQUE INDEX customer_accounts_mobile_idx ON customer_accounts (mobile)',
      'CREATE UNIQUE INDEX customer_accounts_person_client_id_idx ON customer_accounts (person_client_id)',
      'CREATE INDEX customer_accounts_mahak_person_id_idx ON customer_accounts (mahak_person_id)',
      `CREATE TABLE customer_addresses (id ${t.text} PRIMARY KEY, customer_id ${t.text} NOT NULL REFERENCES customer_accounts (id), ` +
        `title ${t.text} NOT NULL, province ${t.text} NOT NULL, city ${t.text} NOT NULL, address ${t.text} NOT NULL, ` +
        `postal_code ${t.text} NOT NULL, receiver_name ${t.text} NOT NULL, mobile ${t.text} NOT NULL, ` +
        `is_default ${t.bool} NOT NULL DEFAULT 0, created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      'CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id, created_at)',
      // At most one default address per customer, whatever a buggy or concurrent writer does.
      'CREATE UNIQUE INDEX customer_addresses_one_default_idx ON customer_addresses (customer_id) WHERE is_default = 1',
      `CREATE TABLE staff_accounts (id ${t.text} PRIMARY KEY, username ${t.text} NOT NULL, password_hash ${t.text} NOT NULL, ` +
        `role ${t.text} NOT NULL, created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      'CREATE UNIQUE INDEX staff_accounts_username_idx ON staff_accounts (username)',
      // Only the sha256 of a refresh token is stored; a family is one sign-in and every rotation of it.
      `CREATE TABLE refresh_tokens (token_hash ${t.text} PRIMARY KEY, family_id ${t.text} NOT NULL, ` +
        `subject_type ${t.text} NOT NULL, subject_id ${t.text} NOT NULL, created_at ${t.bigint} NOT NULL, ` +
        `expires_at ${t.bigint} NOT NULL, revoked_at ${t.bigint}, revoked_reason ${t.text})`,
      'CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)',
      'CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)',
      // One live code per mobile; the code itself is kept only as an HMAC.
      `CREATE TABLE otp_codes (mobile ${t.text} PRIMARY KEY, code_hash ${t.text} NOT NULL, expires_at ${t.bigint} NOT NULL, ` +
        `attempts ${t.int} NOT NULL DEFAULT 0, sent_at ${t.bigint} NOT NULL)`,
      // Values the accounts part generates once and keeps (the JWT secret when none is configured).
      `CREATE TABLE account_settings (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
    ];
  },
};
