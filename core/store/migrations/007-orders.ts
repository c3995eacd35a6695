import type { Dialect } from '../sql-db.js';
import { sqlTypes } from '../sql-types.js';
import type { Migration } from './migration.js';

/**
 * Storefront orders, their stock reservations, carts and payments (core/orders, core/payments).
 * Money columns are rial integers (BIGINT); times are epoch ms.
 *
 * orders.status: awaiting_payment | placed | cancelled (the storefront's view). orders.sync_status:
 * pending | sent | disputed | failed (written by the push side). `order_seq` is the push sequence
 * the OrderClientId derives from (core/domain/client-ids.ts). `payment_deadline` is set for online
 * orders; `verifying_payment_id` / `payment_verifying_at` mark a gateway verification in progress.
 * `idempotency_key` is unique per customer: a repeated checkout answers with the same order.
 *
 * stock_reservations: one row per order line. Counted against the synced stock while not released,
 * not expired (expires_at = payment deadline of an unpaid online order, NULL otherwise) and not yet
 * reflected: `reflect_after_rv` is set once the order is in Mahak; a pulled stock row with a newer
 * RowVersion already contains the sale (core/orders/stock-availability.ts).
 *
 * order_locks: one row per lock key ('variant:<id>', 'customer:<id>'); an upsert on it is the row lock
 * that serialises checkouts of the same variant on PostgreSQL (SQLite serialises every writer).
 */
export const ordersMigration: Migration = {
  id: 7,
  name: 'orders',
  up(dialect: Dialect): string[] {
    const t = sqlTypes(dialect);
    return [
      `CREATE TABLE orders (id ${t.text} PRIMARY KEY, customer_id ${t.text} NOT NULL, status ${t.text} NOT NULL, ` +
        `payment_method ${t.text} NOT NULL, items_total ${t.bigint} NOT NULL, tax_total ${t.bigint} NOT NULL, ` +
        `charge_total ${t.bigint} NOT NULL, shipping_cost ${t.bigint} NOT NULL, total ${t.bigint} NOT NULL, ` +
        `shipping_address ${t.json} NOT NULL, note ${t.text}, order_seq ${t.bigint} NOT NULL, ` +
        `idempotency_key ${t.text}, request_hash ${t.text}, cart_id ${t.text}, payment_deadline ${t.bigint}, ` +
        `verifying_payment_id ${t.text}, payment_verifying_at ${t.bigint}, sync_status ${t.text} NOT NULL, ` +
        `mahak_order_id ${t.bigint}, mahak_row_version ${t.bigint}, sent_at ${t.bigint}, cancel_reason ${t.text}, ` +
        `created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL, cancelled_at ${t.bigint})`,
      'CREATE UNIQUE INDEX orders_order_seq_idx ON orders (order_seq)',
      'CREATE UNIQUE INDEX orders_idempotency_idx ON orders (customer_id, idempotency_key)',
      'CREATE INDEX orders_customer_idx ON orders (customer_id, created_at, id)',
      'CREATE INDEX orders_deadline_idx ON orders (status, payment_deadline)',
      `CREATE TABLE order_lines (order_id ${t.text} NOT NULL REFERENCES orders (id), line_index ${t.int} NOT NULL, ` +
        `variant_id ${t.bigint} NOT NULL, product_id ${t.bigint} NOT NULL, product_name ${t.text} NOT NULL, ` +
        `quantity ${t.int} NOT NULL, unit_price ${t.bigint} NOT NULL, line_net ${t.bigint} NOT NULL, ` +
        `tax_percent ${t.float} NOT NULL, charge_percent ${t.float} NOT NULL, tax_amount ${t.bigint} NOT NULL, ` +
        `charge_amount ${t.bigint} NOT NULL, line_total ${t.bigint} NOT NULL, PRIMARY KEY (order_id, line_index))`,
      `CREATE TABLE stock_reservations (id ${t.autoId}, order_id ${t.text} NOT NULL REFERENCES orders (id), ` +
        `variant_id ${t.bigint} NOT NULL, store_id ${t.bigint}, quantity ${t.int} NOT NULL, expires_at ${t.bigint}, ` +
        `reflect_after_rv ${t.bigint}, released_at ${t.bigint}, release_reason ${t.text}, created_at ${t.bigint} NOT NULL)`,
      'CREATE INDEX stock_reservations_active_idx ON stock_reservations (variant_id) WHERE released_at IS NULL',
      'CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id)',
      `CREATE TABLE order_locks (lock_key ${t.text} PRIMARY KEY, taken ${t.bigint} NOT NULL)`,
      // An anonymous cart is reached with its secret token (only the sha256 is kept); a customer's by JWT.
      `CREATE TABLE carts (id ${t.text} PRIMARY KEY, customer_id ${t.text}, token_hash ${t.text}, status ${t.text} NOT NULL, ` +
        `order_id ${t.text}, created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      'CREATE INDEX carts_customer_idx ON carts (customer_id)',
      // added_unit_price: the price the customer last saw for the line (rial), to flag a change;
      // position: the order lines were added in (the storefront shows them so, and the order keeps it).
      `CREATE TABLE cart_lines (id ${t.text} PRIMARY KEY, cart_id ${t.text} NOT NULL REFERENCES carts (id), ` +
        `variant_id ${t.bigint} NOT NULL, position ${t.int} NOT NULL, quantity ${t.int} NOT NULL, added_unit_price ${t.bigint} NOT NULL, ` +
        `created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL)`,
      'CREATE UNIQUE INDEX cart_lines_variant_idx ON cart_lines (cart_id, variant_id)',
      `CREATE TABLE payments (id ${t.text} PRIMARY KEY, order_id ${t.text} NOT NULL REFERENCES orders (id), ` +
        `gateway ${t.text} NOT NULL, gateway_payment_id ${t.text} NOT NULL, amount ${t.bigint} NOT NULL, ` +
        `status ${t.text} NOT NULL, reference ${t.text}, failure_reason ${t.text}, callback_params ${t.json}, ` +
        `created_at ${t.bigint} NOT NULL, updated_at ${t.bigint} NOT NULL, verified_at ${t.bigint})`,
      'CREATE UNIQUE INDEX payments_gateway_idx ON payments (gateway, gateway_payment_id)',
      'CREATE INDEX payments_order_idx ON payments (order_id)',
    ];
  },
};
