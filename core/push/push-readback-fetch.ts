import type { ChequeWire, OrderWire, ReceiptWire } from '../contracts/mahak-wire.js';
import { parseClientId } from '../domain/client-ids.js';
import type { OrderDetailRow } from '../domain/push-readback.js';
import { advanceCursor, startCursor, type EntityCursor } from '../sync/pull-paging.js';
import type { PushMahak } from './push-ports.js';

/** Orders and their lines as GetAllData returns them, for a read-back (API.md §3, §6). */
export interface ReadBackRows {
  orders: OrderWire[];
  details: OrderDetailRow[];
  /** Receipts and Cheques made by Hamgam (our ClientId scheme), when asked for. */
  receipts: ReceiptWire[];
  cheques: ChequeWire[];
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
  want: { orderClientIds: ReadonlySet<number>; detailClientIds: ReadonlySet<number>; payments?: boolean },
  pageSize: number,
): Promise<ReadBackRows> {
  const names: Collection[] = want.payments
    ? ['Orders', 'OrderDetails', 'Receipts', 'Cheques']
    : ['Orders', 'OrderDetails'];
  const cursors = Object.fromEntries(names.map((c) => [c, startCursor(from, pageSize)])) as Partial<
    Record<Collection, EntityCursor>
  >;
  const orders = new Map<number, OrderWire>();
  const details = new Map<number, OrderDetailRow>();
  const receipts = new Map<number, ReceiptWire>();
  const cheques = new Map<number, ChequeWire>();
  let maxRowVersion = 0;
  for (let page = 0; page < MAX_PAGES && names.some((c) => !cursors[c]!.done); page++) {
    const active = names.filter((c) => !cursors[c]!.done);
    const size = Math.max(...active.map((c) => cursors[c]!.pageSize));
    const res = await mahak.getAllData({
      cursors: Object.fromEntries(active.map((c) => [c, cursors[c]!.from])),
      pageSize: size,
    });
    for (const c of active) {
      const rows = (res.records[c] ?? []) as { RowVersion: number }[];
      const versions = rows.map((r) => r.RowVersion);
      versions.forEach((v) => (maxRowVersion = Math.max(maxRowVersion, v)));
      cursors[c] = advanceCursor({ ...cursors[c]!, pageSize: size }, versions);
      keepRows(c, rows, want, { orders, details, receipts, cheques });
    }
  }
  const orderIds = new Set([...orders.values()].map((o) => o.OrderId));
  const wanted = [...details.values()].filter(
    (d) =>
      (d.OrderId !== undefined && orderIds.has(d.OrderId)) ||
      (d.OrderDetailClientId !== undefined && want.detailClientIds.has(d.OrderDetailClientId)),
  );
  return {
    orders: [...orders.values()],
    details: wanted,
    receipts: [...receipts.values()],
    cheques: [...cheques.values()],
    maxRowVersion,
  };
}

type Collection = 'Orders' | 'OrderDetails' | 'Receipts' | 'Cheques';

interface Kept {
  orders: Map<number, OrderWire>;
  details: Map<number, OrderDetailRow>;
  receipts: Map<number, ReceiptWire>;
  cheques: Map<number, ChequeWire>;
}

function keepRows(
  c: Collection,
  rows: readonly unknown[],
  want: { orderClientIds: ReadonlySet<number> },
  kept: Kept,
): void {
  switch (c) {
    case 'Orders':
      return keepOrders(rows as OrderWire[], want, kept.orders);
    case 'OrderDetails':
      for (const d of rows as OrderDetailRow[]) keepNewest(kept.details, d.OrderDetailId, d);
      return;
    case 'Receipts':
      for (const r of rows as ReceiptWire[]) {
        if (ours(r.ReceiptClientId) || want.orderClientIds.has(r.OrderClientId ?? -1))
          keepNewest(kept.receipts, r.ReceiptId, r);
      }
      return;
    case 'Cheques':
      for (const ch of rows as ChequeWire[]) {
        if (ours(ch.ChequeClientId) || ours(ch.ReceiptClientId)) keepNewest(kept.cheques, ch.ChequeId, ch);
      }
  }
}

/** A ClientId of our scheme (core/domain/client-ids.ts): a payment Hamgam sent. */
const ours = (id: number | undefined) => id !== undefined && parseClientId(id) !== undefined;

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
