import type { SqlExecutor } from '../store/sql-db.js';
import type { DriftMahak } from './push-ports.js';

export interface OrderDrift {
  checked: number;
  /** Orders we pushed that Mahak does not know any more, or holds as deleted (OrderIds). */
  missing: number[];
  deleted: number[];
}

const CHUNK = 500;

/**
 * SolveOrderDispute for the invoices we pushed (API.md §5.2; semantics undocumented). The simulator
 * answers Data.Orders (current rows) and Data.Missing (ids it does not know). Orders are Mahak's books:
 * Hamgam reports an invoice deleted or missing there, it never re-creates one on its own.
 */
export async function checkPushedOrders(db: SqlExecutor, mahak: DriftMahak): Promise<OrderDrift> {
  const rows = await db.query<{ server_id: number }>(
    "SELECT server_id FROM push_outbox WHERE kind = 'order' AND state = 'sent' AND server_id IS NOT NULL ORDER BY server_id",
  );
  const ids = rows.map((r) => Number(r.server_id));
  const out: OrderDrift = { checked: ids.length, missing: [], deleted: [] };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const data = (await mahak.solveOrderDispute(ids.slice(i, i + CHUNK).map((id) => ({ id, code: 0 })))) as
      { Orders?: { OrderId?: number; Deleted?: boolean }[]; Missing?: number[] } | undefined;
    out.missing.push(...(data?.Missing ?? []).map(Number));
    out.deleted.push(...(data?.Orders ?? []).filter((o) => o.Deleted === true).map((o) => Number(o.OrderId)));
  }
  return out;
}
