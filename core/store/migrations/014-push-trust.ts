import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * A push that survives the Mahak we cannot see (issue 8).
 *
 * push_outbox.accepted_at / accepted_id: when Mahak said yes to the row's order (Result:true, or
 * "already registered") and the EntityId it gave. From then on the order is never sent again on our
 * own: it is only read back until it shows, and after the confirm window a "saved but not visible"
 * dispute goes to staff (a second send could make a second invoice when Mahak accepts a repeated
 * ClientId, API.md §4.2 is unknown there).
 *
 * push_outbox.posted_order_id: the invoice is read back in Mahak but its payment is not (a partial
 * save): the next attempts carry only the payment, tied to this invoice, never the order again.
 */
export const pushTrustMigration: Migration = {
  id: 14,
  name: 'push-trust',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `ALTER TABLE push_outbox ADD COLUMN accepted_at ${t.bigint}`,
      `ALTER TABLE push_outbox ADD COLUMN accepted_id ${t.bigint}`,
      `ALTER TABLE push_outbox ADD COLUMN posted_order_id ${t.bigint}`,
    ];
  },
};
