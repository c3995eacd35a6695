import type { PushOrderPayload } from '../contracts/orders.js';
import type { ChequeWire, OrderWire, ReceiptWire, orderDetailWire } from '../contracts/mahak-wire.js';
import { parseClientId } from './client-ids.js';
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
  /** A paid web order's money (Receipt + Cheque of Type 2), in Mahak's currency; absent when unpaid. */
  payment?: { generation: number; orderSeq: number; amount: number };
}

/** Receipts and Cheques read back with the orders (the payment is part of the order, issue 8). */
export interface PaymentRows {
  receipts: readonly ReceiptWire[];
  cheques: readonly ChequeWire[];
}

export function expectedOrderOf(payload: PushOrderPayload, cfg: PushMappingConfig): ExpectedOrder {
  const records = mapOrder(payload, cfg, () => undefined);
  const order = records.find((r) => r.role === 'order')!;
  const cheque = records.find((r) => r.role === 'cheque');
  return {
    ...(cheque
      ? {
          payment: {
            generation: cfg.generation,
            orderSeq: payload.orderSeq,
            amount: Number(cheque.record.Amount),
          },
        }
      : {}),
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
  | { status: 'mismatch'; orderServerId: number; differences: ReadBackDifference[] }
  /** The invoice is in Mahak as sent, its payment is not (a partial save): never send the order again. */
  | {
      status: 'payment_missing';
      orderServerId: number;
      rowVersion: number;
      details: { lineIndex: number; serverId: number; rowVersion: number }[];
      missing: 'receipt' | 'cheque';
    };

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
  /** Receipts/Cheques read back too; without them the payment is not checked. */
  payments?: PaymentRows,
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
  const posted = { orderServerId: latest.OrderId, rowVersion: latest.RowVersion, details: matched };
  const missing =
    expected.payment && payments ? paymentMissing(expected.payment, latest.OrderId, payments) : undefined;
  if (missing) return { status: 'payment_missing', ...posted, missing };
  return { status: 'posted', ...posted };
}

/**
 * The order's Receipt: tied to the invoice (OrderId), or one of the order's own ReceiptClientIds of any
 * revision (a payment sent alone after a partial save carries a later one). Its Cheque must carry the
 * amount. Undefined: the payment is in Mahak.
 */
function paymentMissing(
  want: NonNullable<ExpectedOrder['payment']>,
  orderServerId: number,
  rows: PaymentRows,
): 'receipt' | 'cheque' | undefined {
  const ours = (clientId: number | undefined) => {
    const parsed = clientId === undefined ? undefined : parseClientId(clientId);
    return (
      parsed?.kind === 'receipt' && parsed.generation === want.generation && parsed.sequence === want.orderSeq
    );
  };
  const receipts = rows.receipts.filter(
    (r) => !r.Deleted && (r.OrderId === orderServerId || ours(r.ReceiptClientId)),
  );
  if (receipts.length === 0) return 'receipt';
  const ids = new Set(receipts.map((r) => r.ReceiptId));
  const clientIds = new Set(receipts.map((r) => r.ReceiptClientId));
  const cheque = rows.cheques.find(
    (c) =>
      !c.Deleted &&
      ((c.ReceiptId !== undefined && ids.has(c.ReceiptId)) ||
        (c.ReceiptClientId !== undefined && clientIds.has(c.ReceiptClientId))) &&
      same(c.Amount, want.amount),
  );
  return cheque ? undefined : 'cheque';
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
