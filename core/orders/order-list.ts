import type { OrderList } from '../contracts/orders.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { orderColumns, toOrderView, type OrderRow } from './order-records.js';
import { linesOf } from './order-repo.js';

/**
 * A customer's orders, newest first, keyset-paginated on (created_at, id): stable under concurrent
 * inserts (a new order never shifts a page) and cheap at any depth (index orders_customer_idx).
 */
export async function listOwnOrders(
  db: SqlExecutor,
  customerId: string,
  page: { limit: number; cursor?: string },
): Promise<OrderList> {
  const after = page.cursor === undefined ? undefined : decodeOrderCursor(page.cursor);
  const where = after ? ' AND (created_at < ? OR (created_at = ? AND id < ?))' : '';
  const params: unknown[] = [customerId, ...(after ? [after.t, after.t, after.id] : []), page.limit + 1];
  const rows = await db.query<OrderRow>(
    `SELECT ${orderColumns} FROM orders WHERE customer_id = ?${where} ORDER BY created_at DESC, id DESC LIMIT ?`,
    params,
  );
  const items = rows.slice(0, page.limit);
  const lines = await linesOf(
    db,
    items.map((r) => r.id),
  );
  const last = items.at(-1);
  return {
    items: items.map((r) => toOrderView(r, lines.get(r.id) ?? [])),
    nextCursor: rows.length > page.limit && last ? encodeOrderCursor(Number(last.created_at), last.id) : null,
  };
}

export function encodeOrderCursor(t: number, id: string): string {
  return Buffer.from(JSON.stringify({ t, id }), 'utf8').toString('base64url');
}

export function decodeOrderCursor(cursor: string): { t: number; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      t?: unknown;
      id?: unknown;
    };
    if (typeof parsed.t === 'number' && Number.isSafeInteger(parsed.t) && typeof parsed.id === 'string') {
      return { t: parsed.t, id: parsed.id };
    }
  } catch {
    // reported below
  }
  throw new HamgamError('VALIDATION_FAILED', 'Invalid cursor', {
    fields: [{ in: 'querystring', field: 'cursor', message: 'Invalid cursor', code: 'custom' }],
  });
}
