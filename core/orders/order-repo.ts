import type {
  CheckoutAddress,
  OrderView,
  PaymentMethod,
  PricedLine,
  OrderTotals,
} from '../contracts/orders.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam } from '../store/sql-values.js';
import { orderColumns, toOrderView, type OrderLineRow, type OrderRow } from './order-records.js';

/** Plain reads and writes of orders and their lines; callers own the transaction. */

export interface NewOrder {
  id: string;
  customerId: string;
  status: 'awaiting_payment' | 'placed';
  paymentMethod: PaymentMethod;
  lines: readonly PricedLine[];
  totals: OrderTotals;
  address: CheckoutAddress;
  note?: string;
  orderSeq: number;
  idempotencyKey?: string;
  requestHash: string;
  cartId?: string;
  paymentDeadline: number | null;
  now: number;
}

export async function insertOrder(tx: SqlExecutor, o: NewOrder): Promise<void> {
  const t = o.totals;
  await tx.run(
    `INSERT INTO orders (id, customer_id, status, payment_method, items_total, tax_total, charge_total, shipping_cost, total, ` +
      `shipping_address, note, order_seq, idempotency_key, request_hash, cart_id, payment_deadline, sync_status, created_at, updated_at) ` +
      `VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    [
      o.id,
      o.customerId,
      o.status,
      o.paymentMethod,
      t.itemsTotal,
      t.taxTotal,
      t.chargeTotal,
      t.shippingCost,
      t.total,
      jsonParam(o.address),
      o.note ?? null,
      o.orderSeq,
      o.idempotencyKey ?? null,
      o.requestHash,
      o.cartId ?? null,
      o.paymentDeadline,
      o.now,
      o.now,
    ],
  );
  await insertOrderLines(tx, o.id, o.lines);
}

/** An order's priced lines, in order; the checkout writes them, and a dispute edit rewrites them. */
export async function insertOrderLines(
  tx: SqlExecutor,
  orderId: string,
  lines: readonly PricedLine[],
): Promise<void> {
  for (const [i, l] of lines.entries()) {
    await tx.run(
      `INSERT INTO order_lines (order_id, line_index, variant_id, product_id, product_name, quantity, unit_price, line_net, ` +
        `tax_percent, charge_percent, tax_amount, charge_amount, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        orderId,
        i,
        l.variantId,
        l.productId,
        l.productName,
        l.quantity,
        l.unitPrice,
        l.lineNet,
        l.taxPercent,
        l.chargePercent,
        l.taxAmount,
        l.chargeAmount,
        l.lineTotal,
      ],
    );
  }
}

export async function findOrder(db: SqlExecutor, id: string): Promise<OrderRow | undefined> {
  const rows = await db.query<OrderRow>(`SELECT ${orderColumns} FROM orders WHERE id = ?`, [id]);
  return rows[0];
}

/** The customer's own order; someone else's looks exactly like a missing one (404, no leak). */
export async function ownOrder(db: SqlExecutor, customerId: string, id: string): Promise<OrderRow> {
  const row = await findOrder(db, id);
  if (!row || row.customer_id !== customerId) {
    throw new HamgamError('NOT_FOUND', `Order ${id} not found`, { resource: 'order', id });
  }
  return row;
}

export async function findByIdempotencyKey(
  db: SqlExecutor,
  customerId: string,
  key: string,
): Promise<OrderRow | undefined> {
  const rows = await db.query<OrderRow>(
    `SELECT ${orderColumns} FROM orders WHERE customer_id = ? AND idempotency_key = ?`,
    [customerId, key],
  );
  return rows[0];
}

export async function linesOf(
  db: SqlExecutor,
  orderIds: readonly string[],
): Promise<Map<string, OrderLineRow[]>> {
  const byOrder = new Map<string, OrderLineRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db.query<OrderLineRow>(
    `SELECT * FROM order_lines WHERE order_id IN (${orderIds.map(() => '?').join(', ')}) ORDER BY order_id, line_index`,
    orderIds,
  );
  for (const row of rows) byOrder.get(row.order_id)?.push(row);
  return byOrder;
}

export async function orderView(db: SqlExecutor, row: OrderRow): Promise<OrderView> {
  const lines = await linesOf(db, [row.id]);
  return toOrderView(row, lines.get(row.id) ?? []);
}

export async function orderLineRows(db: SqlExecutor, orderId: string): Promise<OrderLineRow[]> {
  return (await linesOf(db, [orderId])).get(orderId) ?? [];
}
