import {
  MAX_LINE_QUANTITY,
  type DisputeReason,
  type DisputeResolution,
  type OrderTotals,
  type PricedLine,
  type PushOrderPayload,
  type PushPersonPayload,
} from '../contracts/orders.js';
import { repriceLine, totalsOf } from './checkout-pricing.js';
import { MAX_REVISION } from './client-ids.js';
import type { PushProblem } from './order-mapping-values.js';

/**
 * What shop staff may do with each kind of dispute (ARCHITECTURE.md "Disputes"). Every resend keeps
 * the OrderClientId, so even when a rejected attempt was partly stored (mayBeCommitted) a resend cannot
 * make a second invoice: Mahak answers "already registered" and the read-back takes over.
 * Cancelling after a read-back mismatch cancels the web order only; the invoice in Mahak is voided
 * there by staff, Hamgam never deletes in Mahak on its own.
 */
export const allowedResolutions: Readonly<Record<DisputeReason, readonly DisputeResolution[]>> = {
  product_deleted: ['resend', 'edit_and_resend', 'cancel_order'],
  price_changed: ['resend', 'edit_and_resend', 'cancel_order'],
  stock_changed: ['resend', 'edit_and_resend', 'cancel_order'],
  validation: ['resend', 'edit_and_resend', 'cancel_order'],
  missing_person_group: ['resend', 'edit_and_resend'],
  person_rejected: ['resend', 'edit_and_resend'],
  readback_mismatch: ['accept_mahak', 'cancel_order'],
  // Staff look in Mahak: the invoice is there (accept), or it is not and staff send it again by hand.
  saved_not_visible: ['accept_mahak', 'resend', 'cancel_order'],
  // The invoice stands; the payment is sent again (resend) or recorded in Mahak by hand (accept).
  payment_missing: ['resend', 'accept_mahak'],
};

export function checkResolution(
  reason: DisputeReason,
  resolution: DisputeResolution,
): PushProblem | undefined {
  if (allowedResolutions[reason].includes(resolution)) return undefined;
  return {
    code: 'DISPUTE_RESOLUTION_NOT_ALLOWED',
    message: `${resolution} is not allowed for a ${reason} dispute`,
    details: { reason, resolution, allowed: allowedResolutions[reason] },
  };
}

export type OrderEdit =
  /** Accept Mahak's current price for a line (rial). */
  | { kind: 'set_unit_price'; lineIndex: number; unitPrice: number }
  /** Lower a quantity to what Mahak has in stock. */
  | { kind: 'set_quantity'; lineIndex: number; quantity: number }
  /** Drop a line whose product is gone. */
  | { kind: 'remove_line'; lineIndex: number };

export type PersonEdit = { kind: 'set_person_group'; personGroupId: number };

export interface LineChange {
  lineIndex: number;
  productName: string;
  field: 'unitPrice' | 'quantity' | 'removed';
  from: number;
  to: number | null;
}

/** Before/after for the audit log and the confirmation dialog. */
export interface OrderEditAudit {
  changes: LineChange[];
  totalsBefore: OrderTotals;
  totalsAfter: OrderTotals;
  /** Paid minus the new total, rial: > 0 means the shop owes the customer a refund. */
  paymentDifference: number;
}

export type EditResult<T, A> = { ok: true; payload: T; audit: A } | { ok: false; problem: PushProblem };

const invalid = (
  message: string,
  details?: Record<string, unknown>,
): { ok: false; problem: PushProblem } => ({
  ok: false,
  problem: { code: 'VALIDATION_FAILED', message, ...(details ? { details } : {}) },
});

/** A resend: same content, next revision (fresh child ClientIds, same OrderClientId). */
export function prepareResend(payload: PushOrderPayload): EditResult<PushOrderPayload, null> {
  if (payload.revision >= MAX_REVISION)
    return invalid('this order was resent too many times; cancel it instead');
  return { ok: true, payload: { ...payload, revision: payload.revision + 1 }, audit: null };
}

function checkEdit(edit: OrderEdit, lines: readonly PricedLine[]): string | undefined {
  if (!Number.isInteger(edit.lineIndex) || edit.lineIndex < 0 || edit.lineIndex >= lines.length)
    return 'no such line';
  if (edit.kind === 'set_unit_price' && !(Number.isSafeInteger(edit.unitPrice) && edit.unitPrice > 0)) {
    return 'unit price must be a positive whole rial amount';
  }
  if (
    edit.kind === 'set_quantity' &&
    !(Number.isInteger(edit.quantity) && edit.quantity > 0 && edit.quantity <= MAX_LINE_QUANTITY)
  ) {
    return `quantity must be 1..${MAX_LINE_QUANTITY}; remove the line instead of setting 0`;
  }
  // An edit only ever lowers a quantity: the order's stock was reserved at checkout, and raising it
  // here would bypass the reservation check and could sell stock another order holds.
  if (edit.kind === 'set_quantity' && edit.quantity > lines[edit.lineIndex].quantity) {
    return 'a dispute edit can lower a quantity, not raise it';
  }
  return undefined;
}

/** One edit on one line, recording the change for the audit. */
function applyEdit(line: PricedLine, edit: OrderEdit, changes: LineChange[]): PricedLine {
  const change = { lineIndex: edit.lineIndex, productName: line.productName };
  switch (edit.kind) {
    case 'remove_line':
      changes.push({ ...change, field: 'removed', from: line.quantity, to: null });
      return line;
    case 'set_unit_price':
      changes.push({ ...change, field: 'unitPrice', from: line.unitPrice, to: edit.unitPrice });
      return repriceLine(line, { unitPrice: edit.unitPrice });
    case 'set_quantity':
      changes.push({ ...change, field: 'quantity', from: line.quantity, to: edit.quantity });
      return repriceLine(line, { quantity: edit.quantity });
  }
}

function editLines(original: readonly PricedLine[], edits: readonly OrderEdit[]) {
  const changes: LineChange[] = [];
  const removed = new Set(edits.filter((e) => e.kind === 'remove_line').map((e) => e.lineIndex));
  const lines = original.map((line, i) =>
    edits.filter((e) => e.lineIndex === i).reduce((next, edit) => applyEdit(next, edit, changes), line),
  );
  return { lines, removed, changes };
}

/**
 * 'edit_and_resend': applies the edits (line indexes refer to the lines as they were), re-prices, and
 * bumps the revision. Percentages stay as priced at checkout.
 */
export function applyOrderEdits(
  payload: PushOrderPayload,
  edits: readonly OrderEdit[],
): EditResult<PushOrderPayload, OrderEditAudit> {
  if (edits.length === 0) return invalid('no edits given');
  for (const edit of edits) {
    const why = checkEdit(edit, payload.lines);
    if (why) return invalid(why, { edit });
  }
  const resend = prepareResend(payload);
  if (!resend.ok) return resend;

  const { lines, removed, changes } = editLines(payload.lines, edits);
  const kept = lines.filter((_, i) => !removed.has(i));
  if (kept.length === 0) return invalid('an order needs at least one line; cancel the order instead');

  const totals = totalsOf(kept, payload.totals.shippingCost);
  const paid = payload.payment.paid ? payload.payment.amount : 0;
  return {
    ok: true,
    payload: { ...resend.payload, lines: kept, totals },
    audit: {
      changes,
      totalsBefore: payload.totals,
      totalsAfter: totals,
      paymentDifference: payload.payment.paid ? paid - totals.total : 0,
    },
  };
}

/** 'edit_and_resend' for a new customer: e.g. put them in a PersonGroup that exists in Mahak. */
export function applyPersonEdit(
  payload: PushPersonPayload,
  edit: PersonEdit,
): EditResult<PushPersonPayload, { field: string; from: number | null; to: number }> {
  if (!(Number.isSafeInteger(edit.personGroupId) && edit.personGroupId > 0))
    return invalid('person group id must be positive');
  return {
    ok: true,
    payload: { ...payload, personGroupId: edit.personGroupId },
    audit: { field: 'personGroupId', from: payload.personGroupId ?? null, to: edit.personGroupId },
  };
}
