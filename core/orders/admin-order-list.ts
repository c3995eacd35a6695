import type { AdminOrderList, AdminOrderListQuery, AdminOrderSummary } from '../contracts/admin-orders.js';
import { normalisePersian } from '../domain/persian.js';
import { likePatterns, type SqlPart } from '../store/catalog-sql.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { decodeOrderCursor, encodeOrderCursor } from './order-list.js';

/** One order row of the desk's lists, with its customer. */
export interface AdminOrderRow {
  id: string;
  order_seq: number;
  status: AdminOrderSummary['status'];
  sync_status: AdminOrderSummary['syncStatus'];
  payment_method: AdminOrderSummary['paymentMethod'];
  total: number;
  mahak_order_id: number | null;
  cancel_reason: string | null;
  created_at: number;
  customer_id: string;
  first_name: string | null;
  last_name: string | null;
  mobile: string | null;
  line_count: number;
}

export const adminOrderSelect =
  'SELECT o.id, o.order_seq, o.status, o.sync_status, o.payment_method, o.total, o.mahak_order_id, o.cancel_reason, ' +
  'o.created_at, o.customer_id, ca.first_name, ca.last_name, ca.mobile, ' +
  '(SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS line_count ' +
  'FROM orders o LEFT JOIN customer_accounts ca ON ca.id = o.customer_id';

/**
 * Every order, newest first, keyset-paginated on (created_at, id) like the customer's own list, with
 * the desk's filters. `q` matches the customer's name and mobile (stored Persian-normalised in
 * customer_accounts.search_text) or, when it is a number, the order number too.
 */
export async function listAdminOrders(db: SqlExecutor, query: AdminOrderListQuery): Promise<AdminOrderList> {
  const where = orderFilters(query);
  const after = query.cursor === undefined ? undefined : decodeOrderCursor(query.cursor);
  if (after) {
    where.sql.push('(o.created_at < ? OR (o.created_at = ? AND o.id < ?))');
    where.params.push(after.t, after.t, after.id);
  }
  const rows = await db.query<AdminOrderRow>(
    `${adminOrderSelect} WHERE ${where.sql.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT ?`,
    [...where.params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toAdminOrderSummary),
    nextCursor:
      rows.length > query.limit && last ? encodeOrderCursor(Number(last.created_at), last.id) : null,
  };
}

function orderFilters(query: AdminOrderListQuery): { sql: string[]; params: unknown[] } {
  const sql = ['1 = 1'];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    sql.push(clause);
    params.push(...values);
  };
  if (query.status) add('o.status = ?', query.status);
  if (query.syncStatus) add('o.sync_status = ?', query.syncStatus);
  if (query.customerId) add('o.customer_id = ?', query.customerId);
  if (query.from) add('o.created_at >= ?', boundOf(query.from, 'start'));
  if (query.to) add('o.created_at <= ?', boundOf(query.to, 'end'));
  const text = search(query.q);
  if (text) add(text.sql, ...text.params);
  return { sql, params };
}

/** A bare date covers that whole day in the appliance's time zone; a moment is taken as it is. */
export function boundOf(value: string, side: 'start' | 'end'): number {
  if (value.length > 10) return Date.parse(value);
  const [y, m, d] = value.split('-').map(Number);
  return side === 'start' ? new Date(y, m - 1, d).getTime() : new Date(y, m - 1, d + 1).getTime() - 1;
}

function search(q: string | undefined): SqlPart | undefined {
  const normalised = normalisePersian(q ?? '');
  const patterns = likePatterns(normalised);
  if (patterns.length === 0) return undefined;
  const byText = patterns.map(() => "ca.search_text LIKE ? ESCAPE '\\'").join(' AND ');
  const compact = normalised.replace(/[\s#-]/g, '');
  if (/^\d{1,15}$/.test(compact)) {
    // An order number, or digits of the mobile (search_text holds it as 09xxxxxxxxx).
    return {
      sql: `(o.order_seq = ? OR ca.mobile LIKE ? OR (${byText}))`,
      params: [Number(compact), `%${compact}%`, ...patterns],
    };
  }
  return { sql: `(${byText})`, params: patterns };
}

export function toAdminOrderSummary(r: AdminOrderRow): AdminOrderSummary {
  const name = [r.first_name, r.last_name].filter((x) => x).join(' ');
  const reason = r.cancel_reason;
  return {
    id: r.id,
    number: Number(r.order_seq),
    status: r.status,
    syncStatus: r.sync_status,
    paymentMethod: r.payment_method,
    total: Number(r.total),
    lineCount: Number(r.line_count),
    customer: { id: r.customer_id, name, mobile: r.mobile ?? '' },
    mahakOrderId: r.mahak_order_id === null ? null : Number(r.mahak_order_id),
    cancelReason: reason === 'customer' || reason === 'payment_timeout' || reason === 'staff' ? reason : null,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  };
}
