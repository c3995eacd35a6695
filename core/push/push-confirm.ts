import type { PushMappingConfig } from '../domain/order-mapping.js';
import { expectedOrderOf, verifyReadBack, type ReadBackVerdict } from '../domain/push-readback.js';
import type { SqlExecutor } from '../store/sql-db.js';
import type { OrderItem } from './push-items.js';
import type { PushMahak } from './push-ports.js';
import { fetchOrdersSince, type ReadBackRows } from './push-readback-fetch.js';
import { raiseOrdersRowVersionSeen } from './push-state-repo.js';

export interface ReadBackResult {
  verdicts: Map<string, ReadBackVerdict>;
  rows: ReadBackRows;
}

/**
 * Reads orders back from Mahak (GetAllData Orders/OrderDetails above `from`) and compares each with
 * what we sent, by OrderClientId (core/domain/push-readback.ts). Used before resending an order that
 * was possibly sent, after "already registered", and after every save (a Result:true is not proof the
 * invoice was posted: API.md §4.3; the simulator's phantomSave reproduces it).
 */
export async function readBackOrders(
  deps: { mahak: PushMahak; db: SqlExecutor; pageSize: number },
  items: readonly OrderItem[],
  cfg: PushMappingConfig,
  from: number,
): Promise<ReadBackResult> {
  const expected = new Map(items.map((i) => [i.row.id, expectedOrderOf(i.payload, cfg)]));
  const orderClientIds = new Set([...expected.values()].map((e) => e.orderClientId));
  const detailClientIds = new Set(
    [...expected.values()].flatMap((e) => e.lines.map((l) => l.detailClientId)),
  );
  const payments = [...expected.values()].some((e) => e.payment !== undefined);
  const rows = await fetchOrdersSince(
    deps.mahak,
    from,
    { orderClientIds, detailClientIds, payments },
    deps.pageSize,
  );
  await raiseOrdersRowVersionSeen(deps.db, rows.maxRowVersion);
  const verdicts = new Map<string, ReadBackVerdict>();
  for (const [id, exp] of expected) verdicts.set(id, verifyReadBack(exp, rows.orders, rows.details, rows));
  return { verdicts, rows };
}

/** Lowest RowVersion among the invoice rows of a posted verdict (for stock reservations). */
export function postedRowVersion(
  verdict: ReadBackVerdict & { status: 'posted' | 'payment_missing' },
): number {
  return Math.min(verdict.rowVersion, ...verdict.details.map((d) => d.rowVersion));
}
