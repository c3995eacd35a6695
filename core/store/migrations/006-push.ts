import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * The push side (core/push): outbox, ClientId sequences and generation, disputes, audit log.
 *
 * push_outbox (ARCHITECTURE.md invariant 5): written in the checkout transaction together with the
 * order. `state`: held (awaiting payment) | ready | sent | disputed | dead | cancelled. A worker leases
 * ready rows by setting lease_owner/lease_until (a crashed worker's lease simply expires).
 * `attempt_started_at` is written BEFORE a SaveAllData call and cleared when its outcome is recorded,
 * so a row that still carries it was possibly sent: it is read back before any resend.
 * `readback_from` is the Orders RowVersion known before that attempt (minus an overlap): Mahak's
 * RowVersion is one rising counter (API.md §6), so an order saved by the attempt lies above it.
 * `client_id` is the OrderClientId / PersonClientId once the generation is known; `server_id` Mahak's
 * OrderId / PersonId. `history` is a JSON array of attempts ({at, outcome, error}).
 *
 * push_sequences hands out order/person sequences once (never reused); push_settings keeps the
 * ClientId generation of this database (core/domain/client-ids.ts), chosen once and never changed.
 */
export const pushMigration: Migration = {
  id: 6,
  name: 'push',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE push_outbox (id ${t.text} PRIMARY KEY, kind ${t.text} NOT NULL, order_id ${t.text}, ` +
        `customer_id ${t.text}, payload ${t.json} NOT NULL, state ${t.text} NOT NULL, attempts ${t.int} NOT NULL DEFAULT 0, ` +
        `next_attempt_at ${t.bigint} NOT NULL, lease_owner ${t.text}, lease_until ${t.bigint}, attempt_started_at ${t.bigint}, ` +
        `readback_from ${t.bigint}, ` +
        `client_id ${t.bigint}, server_id ${t.bigint}, last_error ${t.text}, history ${t.json} NOT NULL, ` +
        `created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL, sent_at ${t.bigint})`,
      'CREATE INDEX push_outbox_due_idx ON push_outbox (state, next_attempt_at)',
      'CREATE INDEX push_outbox_order_idx ON push_outbox (order_id)',
      'CREATE INDEX push_outbox_customer_idx ON push_outbox (customer_id)',
      `CREATE TABLE push_sequences (name ${t.text} PRIMARY KEY, value ${t.bigint} NOT NULL)`,
      "INSERT INTO push_sequences (name, value) VALUES ('order', 0)",
      "INSERT INTO push_sequences (name, value) VALUES ('person', 0)",
      `CREATE TABLE push_settings (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      // A dispute keeps what we sent, what Mahak said and Mahak's current version of the records involved.
      `CREATE TABLE push_disputes (id ${t.text} PRIMARY KEY, outbox_id ${t.text} NOT NULL, order_id ${t.text}, ` +
        `kind ${t.text} NOT NULL, reason ${t.text} NOT NULL, status ${t.text} NOT NULL, allowed ${t.json} NOT NULL, ` +
        `payload ${t.json} NOT NULL, request_body ${t.json}, mahak_message ${t.text}, mahak_property ${t.text}, ` +
        `mahak_code ${t.int}, mahak_errors ${t.json}, mahak_current ${t.json}, resolution ${t.text}, ` +
        `resolved_by ${t.text}, resolved_at ${t.bigint}, created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      'CREATE INDEX push_disputes_status_idx ON push_disputes (status, created_at)',
      'CREATE INDEX push_disputes_outbox_idx ON push_disputes (outbox_id)',
      // Who did what to which record, with the record before and after (dispute resolutions, discards).
      `CREATE TABLE audit_log (id ${t.autoId}, actor ${t.text} NOT NULL, action ${t.text} NOT NULL, ` +
        `target_type ${t.text} NOT NULL, target_id ${t.text} NOT NULL, before_json ${t.json}, after_json ${t.json}, ` +
        `at ${t.bigint} NOT NULL)`,
      'CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id)',
    ];
  },
};
