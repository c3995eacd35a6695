import type { TimelineEvent } from '../contracts/admin-orders.js';
import type { DisputeReason, DisputeResolution } from '../contracts/orders.js';
import type { OutboxState } from '../push/outbox-repo.js';
import type { OrderRow } from './order-records.js';

/** What the timeline is made of, read by admin-order-detail.ts. Times are epoch ms. */
export interface OrderFacts {
  payments: {
    id: string;
    gateway: string;
    amount: number;
    status: string;
    reference: string | null;
    failure_reason: string | null;
    created_at: number;
    updated_at: number;
    verified_at: number | null;
  }[];
  outbox?: {
    state: OutboxState;
    attempts: number;
    last_error: string | null;
    next_attempt_at: number;
    client_id: number | null;
    server_id: number | null;
    sent_at: number | null;
    updated_at: number;
  };
  disputes: {
    id: string;
    reason: DisputeReason;
    status: string;
    resolution: DisputeResolution | null;
    created_at: number;
    resolved_at: number | null;
    resolved_by: string | null;
  }[];
  /** orders.sent_at: when the push recorded the order as in Mahak. */
  sentAt: number | null;
  /** Audited desk actions on the order (push now, cancel), with the clerk's username. */
  staff: { action: string; actor: string; at: number; note: string | null }[];
}

type Detail = TimelineEvent['detail'];

/**
 * The order's story, oldest first: placed -> paid -> sent to Mahak -> Mahak's invoice number, and
 * whatever went sideways (payment failed, pushed into the dead letters, disputed, cancelled, expired),
 * plus what the clerks did. Built from the rows each part keeps; nothing here is stored twice.
 */
export function orderTimeline(row: OrderRow, facts: OrderFacts): TimelineEvent[] {
  const events: { at: number; kind: TimelineEvent['kind']; detail: Detail }[] = [];
  const add = (kind: TimelineEvent['kind'], at: number | null | undefined, detail: Detail = {}) => {
    if (at !== null && at !== undefined) events.push({ kind, at: Number(at), detail });
  };
  add('placed', row.created_at, { total: Number(row.total), paymentMethod: row.payment_method });
  for (const p of facts.payments) {
    add('payment_started', p.created_at, { amount: Number(p.amount), gateway: p.gateway });
    if (p.status === 'verified')
      add('paid', p.verified_at ?? p.updated_at, { amount: Number(p.amount), reference: p.reference });
    if (p.status === 'failed') add('payment_failed', p.updated_at, { reason: p.failure_reason });
  }
  const sentAt = facts.sentAt ?? facts.outbox?.sent_at ?? null;
  add('sent', sentAt, { clientId: numOrNull(facts.outbox?.client_id) });
  if (row.mahak_order_id !== null)
    add('mahak_invoice', sentAt ?? row.updated_at, { mahakOrderId: Number(row.mahak_order_id) });
  if (facts.outbox?.state === 'dead')
    add('push_failed', facts.outbox.updated_at, { error: facts.outbox.last_error });
  for (const d of facts.disputes) {
    add('disputed', d.created_at, { reason: d.reason });
    add('dispute_resolved', d.resolved_at, { resolution: d.resolution, by: d.resolved_by });
  }
  for (const s of facts.staff) add('staff_action', s.at, { action: s.action, by: s.actor, note: s.note });
  if (row.status === 'cancelled') {
    const expired = row.cancel_reason === 'payment_timeout';
    add(expired ? 'expired' : 'cancelled', row.cancelled_at ?? row.updated_at, { reason: row.cancel_reason });
  }
  // Stable: equal times keep the story's order (placed before paid before sent).
  return events
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((e) => ({ kind: e.kind, at: new Date(e.at).toISOString(), detail: e.detail }));
}

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
