import type { OrderWire } from '../contracts/mahak-wire.js';
import type { OrderDetailRow } from '../domain/push-readback.js';
import { advanceCursor, startCursor, type EntityCursor } from '../sync/pull-paging.js';
import type { PushMahak } from './push-ports.js';

/** Orders and their lines as GetAllData returns them, for a read-back (API.md §3, §6). */
export interface ReadBackRows {
  orders: OrderWire[];
  details: OrderDetailRow[];
  /** Highest RowVersion seen, to move the read-back floor. */
  maxRowVersion: number;
}

const MAX_PAGES = 1000;

/**
 * Every Orders / OrderDetails row above `from` (RowVersion), paged like the pull (a page ends at its
 * max RowVersion - 1, so rows sharing a RowVersion are never skipped). Orders are kept only when their
 * OrderClientId is wanted; details only when their order is wanted (by OrderId, known at the end) or
 * their OrderDetailClientId is.
 */
export async function fetchOrdersSince(
  mahak: PushMahak,
  from: number,
  want: { orderClientIds: ReadonlySet<number>; detailClientIds: ReadonlySet<number> },
  pageSize: number,
): Promise<ReadBackRows> {
  const cursors: Record<'Orders' | 'OrderDetails', EntityCursor> = {
    Orders: startCursor(from, pageSize),
    OrderDetails: startCursor(from, pageSize),
  };
  const orders = new Map<number, OrderWire>();
  const details = new Map<number, OrderDetailRow>();
  let maxRowVersion = 0;
  for (let page = 0; page < MAX_PAGES && (!cursors.Orders.done || !cursors.OrderDetails.done); page++) {
    const active = (['Orders', 'OrderDetails'] as const).filter((c) => !cursors[c].done);
    const size = Math.max(...active.map((c) => cursors[c].pageSize));
    const res = await mahak.getAllData({
      cursors: Object.fromEntries(active.map((c) => [c, cursors[c].from])),
      pageSize: size,
    });
    for (const c of active) {
      const rows = (res.records[c] ?? []) as { RowVersion: number }[];
      const versions = rows.map((r) => r.RowVersion);
      versions.forEach((v) => (maxRowVersion = Math.max(maxRowVersion, v)));
      cursors[c] = advanceCursor({ ...cursors[c], pageSize: size }, versions);
      if (c === 'Orders') keepOrders(rows as unknown as OrderWire[], want, orders);
      else for (const d of rows as unknown as OrderDetailRow[]) keepNewest(details, d.OrderDetailId, d);
    }
  }
  const orderIds = new Set([...orders.values()].map((o) => o.OrderId));
  const wanted = [...details.values()].filter(
    (d) =>
      (d.OrderId !== undefined && orderIds.has(d.OrderId)) ||
      (d.OrderDetailClientId !== undefined && want.detailClientIds.has(d.OrderDetailClientId)),
  );
  return { orders: [...orders.values()], details: wanted, maxRowVersion };
}

function keepOrders(
  rows: readonly OrderWire[],
  want: { orderClientIds: ReadonlySet<number> },
  into: Map<number, OrderWire>,
): void {
  for (const o of rows) {
    if (o.OrderClientId !== undefined && want.orderClientIds.has(o.OrderClientId))
      keepNewest(into, o.OrderId, o);
  }
}

/** A re-read row (page overlap) replaces the kept one only when newer. */
function keepNewest<T extends { RowVersion: number }>(into: Map<number, T>, id: number, row: T): void {
  const had = into.get(id);
  if (!had || had.RowVersion <= row.RowVersion) into.set(id, row);
}
