import type {
  AdminCustomerDetail,
  AdminCustomerList,
  AdminCustomerListQuery,
  AdminCustomerSummary,
  CustomerLinkState,
} from '../contracts/admin-orders.js';
import { normalisePersian } from '../domain/persian.js';
import { HamgamError } from '../errors.js';
import type { OutboxState } from '../push/outbox-repo.js';
import { likePatterns } from '../store/catalog-sql.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { listAdminOrders } from './admin-order-list.js';
import { decodeOrderCursor, encodeOrderCursor } from './order-list.js';

interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  mobile: string;
  email: string | null;
  person_client_id: number | null;
  person_id: number | null;
  person_state: OutboxState | null;
  order_count: number;
  created_at: number;
  link_state: CustomerLinkState;
}

/**
 * The link to Mahak as checkout resolves it (customer-ref.ts): Mahak's PersonId on the account, or a
 * person pulled from Mahak with the same mobile; else the person row waiting in the outbox.
 */
const inner =
  'SELECT ca.id, ca.first_name, ca.last_name, ca.mobile, ca.email, ca.person_client_id, ca.created_at, ca.search_text, ' +
  'COALESCE(ca.mahak_person_id, (SELECT cu.id FROM customers cu WHERE cu.mobile = ca.mobile AND cu.deleted_at IS NULL ' +
  'ORDER BY cu.row_version DESC LIMIT 1)) AS person_id, ' +
  "(SELECT po.state FROM push_outbox po WHERE po.kind = 'person' AND po.customer_id = ca.id AND po.state <> 'cancelled' " +
  'ORDER BY po.created_at LIMIT 1) AS person_state, ' +
  '(SELECT COUNT(*) FROM orders o WHERE o.customer_id = ca.id) AS order_count FROM customer_accounts ca';

const linkCase =
  "CASE WHEN x.person_id IS NOT NULL THEN 'linked' WHEN x.person_state IN ('ready', 'held') THEN 'pending' " +
  "WHEN x.person_state = 'disputed' THEN 'disputed' WHEN x.person_state = 'dead' THEN 'failed' ELSE 'none' END";

const outer = `SELECT x.*, ${linkCase} AS link_state FROM (${inner}) x`;

/** Web customers, newest first, keyset-paginated on (created_at, id); search by name, mobile or email. */
export async function listAdminCustomers(
  db: SqlExecutor,
  query: AdminCustomerListQuery,
): Promise<AdminCustomerList> {
  const where: string[] = ['1 = 1'];
  const params: unknown[] = [];
  for (const pattern of likePatterns(normalisePersian(query.q ?? ''))) {
    where.push("(y.search_text LIKE ? ESCAPE '\\' OR LOWER(COALESCE(y.email, '')) LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  if (query.linkState) {
    where.push('y.link_state = ?');
    params.push(query.linkState);
  }
  const after = query.cursor === undefined ? undefined : decodeOrderCursor(query.cursor);
  if (after) {
    where.push('(y.created_at < ? OR (y.created_at = ? AND y.id < ?))');
    params.push(after.t, after.t, after.id);
  }
  const rows = await db.query<CustomerRow>(
    `SELECT * FROM (${outer}) y WHERE ${where.join(' AND ')} ORDER BY y.created_at DESC, y.id DESC LIMIT ?`,
    [...params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toSummary),
    nextCursor:
      rows.length > query.limit && last ? encodeOrderCursor(Number(last.created_at), last.id) : null,
  };
}

export async function adminCustomerDetail(db: SqlExecutor, id: string): Promise<AdminCustomerDetail> {
  const [row] = await db.query<CustomerRow>(`${outer} WHERE x.id = ?`, [id]);
  if (!row) throw new HamgamError('NOT_FOUND', `Customer ${id} not found`, { resource: 'customer', id });
  const [push] = await db.query<{
    state: OutboxState;
    attempts: number;
    last_error: string | null;
    sent_at: number | null;
  }>(
    "SELECT state, attempts, last_error, sent_at FROM push_outbox WHERE kind = 'person' AND customer_id = ? ORDER BY created_at DESC LIMIT 1",
    [id],
  );
  const orders = await listAdminOrders(db, { limit: 50, customerId: id });
  return {
    ...toSummary(row),
    mahakPerson: row.person_id === null ? null : await mahakPerson(db, Number(row.person_id)),
    push: push
      ? {
          state: push.state,
          attempts: Number(push.attempts),
          lastError: push.last_error,
          sentAt: push.sent_at === null ? null : new Date(Number(push.sent_at)).toISOString(),
        }
      : null,
    orders: orders.items,
  };
}

async function mahakPerson(db: SqlExecutor, personId: number): Promise<AdminCustomerDetail['mahakPerson']> {
  const [p] = await db.query<Record<string, unknown>>(
    // The group's name from the pulled PersonGroups list: the clerk knows «عمده‌فروشان», not group 3.
    'SELECT c.id, c.code, c.client_id, c.first_name, c.last_name, c.organization, c.mobile, c.person_group_id, ' +
      'c.row_version, c.deleted_at, g.name AS person_group_name FROM customers c ' +
      'LEFT JOIN person_groups g ON g.id = c.person_group_id WHERE c.id = ?',
    [personId],
  );
  if (!p) return null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    personId,
    code: num(p.code),
    clientId: num(p.client_id),
    name: [p.first_name, p.last_name, p.organization].filter((x) => typeof x === 'string' && x).join(' '),
    mobile: (p.mobile as string | null) ?? null,
    personGroupId: num(p.person_group_id),
    personGroupName:
      typeof p.person_group_name === 'string' && p.person_group_name.trim() ? p.person_group_name : null,
    rowVersion: Number(p.row_version),
    deleted: p.deleted_at !== null,
  };
}

function toSummary(r: CustomerRow): AdminCustomerSummary {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    mobile: r.mobile,
    email: r.email,
    mahakPersonId: r.person_id === null ? null : Number(r.person_id),
    personClientId: r.person_client_id === null ? null : Number(r.person_client_id),
    linkState: r.link_state,
    orderCount: Number(r.order_count),
    createdAt: new Date(Number(r.created_at)).toISOString(),
  };
}
