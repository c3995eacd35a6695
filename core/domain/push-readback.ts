import type { PushOrderPayload } from '../contracts/orders.js';
import type { OrderWire, orderDetailWire } from '../contracts/mahak-wire.js';
import type { z } from 'zod';
import { mapOrder, type PushMappingConfig } from './order-mapping.js';

export type OrderDetailRow = z.infer<typeof orderDetailWire>;

/** What we sent for one order, in Mahak's currency: the yardstick for a read-back. */
export interface ExpectedOrder {
  orderClientId: number;
  lines: {
    lineIndex: number;
    detailClientId: number;
    productDetailId: number;
    price: number;
    count: number;
  }[];
}

export function expectedOrderOf(payload: PushOrderPayload, cfg: PushMappingConfig): ExpectedOrder {
  const records = mapOrder(payload, cfg, () => undefined);
  const order = records.find((r) => r.role === 'order')!;
  return {
    orderClientId: order.clientId!,
    lines: records
      .filter((r) => r.role === 'orderDetail')
      .map((r) => ({
        lineIndex: r.lineIndex!,
        detailClientId: r.clientId!,
        productDetailId: Number(r.record.ProductDetailId),
        price: Number(r.record.Price),
        count: Number(r.record.Count1),
      })),
  };
}

export type ReadBackDifference =
  | { kind: 'deleted_in_mahak' }
  | { kind: 'duplicate_invoice'; orderServerIds: number[] }
  | { kind: 'line_missing'; lineIndex: number; productDetailId: number }
  | {
      kind: 'line_changed';
      lineIndex: number;
      field: 'product' | 'price' | 'count';
      sent: number;
      mahak: number | null;
    }
  | { kind: 'extra_line'; orderDetailId: number; productDetailId: number | null };

export type ReadBackVerdict =
  | {
      status: 'posted';
      orderServerId: number;
      rowVersion: number;
      details: { lineIndex: number; serverId: number; rowVersion: number }[];
    }
  | { status: 'missing' }
  | { status: 'mismatch'; orderServerId: number; differences: ReadBackDifference[] };

const same = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-6;

/**
 * Compares what we sent with what GetAllData returns for Orders/OrderDetails, matched by
 * OrderClientId / OrderDetailClientId. Lines of an earlier revision carry other ClientIds, so a line
 * not found by ClientId is matched by ProductDetailId among the order's lines.
 */
export function verifyReadBack(
  expected: ExpectedOrder,
  orders: readonly OrderWire[],
  details: readonly OrderDetailRow[],
): ReadBackVerdict {
  const matches = orders.filter((o) => o.OrderClientId === expected.orderClientId);
  if (matches.length === 0) return { status: 'missing' };
  const live = matches.filter((o) => !o.Deleted);
  const latest = [...(live.length ? live : matches)].sort((a, b) => b.RowVersion - a.RowVersion)[0];
  if (live.length === 0) {
    return { status: 'mismatch', orderServerId: latest.OrderId, differences: [{ kind: 'deleted_in_mahak' }] };
  }
  if (live.length > 1) {
    const orderServerIds = live.map((o) => o.OrderId);
    return {
      status: 'mismatch',
      orderServerId: latest.OrderId,
      differences: [{ kind: 'duplicate_invoice', orderServerIds }],
    };
  }
  const sentIds = new Set(expected.lines.map((l) => l.detailClientId));
  const candidates = details.filter(
    (d) =>
      !d.Deleted &&
      (d.OrderId === latest.OrderId ||
        (d.OrderDetailClientId !== undefined && sentIds.has(d.OrderDetailClientId))),
  );
  const { differences, matched } = compareLines(expected, candidates);
  if (differences.length > 0) return { status: 'mismatch', orderServerId: latest.OrderId, differences };
  return { status: 'posted', orderServerId: latest.OrderId, rowVersion: latest.RowVersion, details: matched };
}

function compareLines(expected: ExpectedOrder, candidates: OrderDetailRow[]) {
  const differences: ReadBackDifference[] = [];
  const matched: { lineIndex: number; serverId: number; rowVersion: number }[] = [];
  const used = new Set<OrderDetailRow>();
  const pick = (test: (d: OrderDetailRow) => boolean) => candidates.find((d) => !used.has(d) && test(d));
  for (const line of expected.lines) {
    const row =
      pick((d) => d.OrderDetailClientId === line.detailClientId) ??
      pick((d) => d.ProductDetailId === line.productDetailId);
    if (!row) {
      differences.push({
        kind: 'line_missing',
        lineIndex: line.lineIndex,
        productDetailId: line.productDetailId,
      });
      continue;
    }
    used.add(row);
    const before = differences.length;
    const check = (field: 'product' | 'price' | 'count', sent: number, mahak: number | undefined) => {
      if (!same(mahak, sent))
        differences.push({
          kind: 'line_changed',
          lineIndex: line.lineIndex,
          field,
          sent,
          mahak: mahak ?? null,
        });
    };
    check('product', line.productDetailId, row.ProductDetailId);
    check('price', line.price, row.Price);
    check('count', line.count, row.Count1);
    if (differences.length === before) {
      matched.push({ lineIndex: line.lineIndex, serverId: row.OrderDetailId, rowVersion: row.RowVersion });
    }
  }
  for (const row of candidates) {
    if (!used.has(row)) {
      differences.push({
        kind: 'extra_line',
        orderDetailId: row.OrderDetailId,
        productDetailId: row.ProductDetailId ?? null,
      });
    }
  }
  return { differences, matched };
}
