import type { AdminOrderDetail, OrderActions } from '../contracts/admin-orders.js';
import type { DisputeReason, DisputeResolution } from '../contracts/orders.js';
import { HamgamError } from '../errors.js';
import type { OutboxState } from '../push/outbox-repo.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';
import { adminOrderSelect, toAdminOrderSummary, type AdminOrderRow } from './admin-order-list.js';
import { orderTimeline, type OrderFacts } from './admin-order-timeline.js';
import { customerCancelBlock } from './order-cancel.js';
import { addressOf, toAddressView, toPricedLine, type OrderRow } from './order-records.js';
import { findOrder, orderLineRows } from './order-repo.js';

const iso = (ms: unknown): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

/** One order as the desk shows it: lines, payments, the push, disputes, the timeline and its actions. */
export async function adminOrderDetail(db: SqlExecutor, id: string): Promise<AdminOrderDetail> {
  const row = await findOrder(db, id);
  const [summaryRow] = await db.query<AdminOrderRow>(`${adminOrderSelect} WHERE o.id = ?`, [id]);
  if (!row || !summaryRow)
    throw new HamgamError('NOT_FOUND', `Order ${id} not found`, { resource: 'order', id });
  const facts = await orderFacts(db, row);
  return {
    ...toAdminOrderSummary(summaryRow),
    lines: (await orderLineRows(db, id)).map(toPricedLine),
    totals: {
      itemsTotal: Number(row.items_total),
      taxTotal: Number(row.tax_total),
      chargeTotal: Number(row.charge_total),
      shippingCost: Number(row.shipping_cost),
      total: Number(row.total),
    },
    address: toAddressView(addressOf(row)),
    note: row.note,
    paymentDeadline: iso(row.payment_deadline),
    payments: facts.payments.map((p) => ({
      id: p.id,
      gateway: p.gateway,
      amount: Number(p.amount),
      status: p.status,
      reference: p.reference,
      createdAt: iso(p.created_at) ?? '',
      verifiedAt: iso(p.verified_at),
    })),
    push: facts.outbox
      ? {
          state: facts.outbox.state,
          attempts: Number(facts.outbox.attempts),
          lastError: facts.outbox.last_error,
          nextAttemptAt: iso(facts.outbox.next_attempt_at) ?? '',
          clientId: facts.outbox.client_id === null ? null : Number(facts.outbox.client_id),
          sentAt: iso(facts.outbox.sent_at),
        }
      : null,
    disputes: facts.disputes.map((d) => ({
      id: d.id,
      reason: d.reason,
      status: d.status === 'resolved' ? 'resolved' : 'open',
      resolution: d.resolution,
      createdAt: iso(d.created_at) ?? '',
    })),
    timeline: orderTimeline(row, facts),
    actions: orderActions(row, facts.outbox?.state),
  };
}

async function orderFacts(db: SqlExecutor, row: OrderRow): Promise<OrderFacts> {
  const payments = await db.query<OrderFacts['payments'][number]>(
    'SELECT id, gateway, amount, status, reference, failure_reason, created_at, updated_at, verified_at ' +
      'FROM payments WHERE order_id = ? ORDER BY created_at, id',
    [row.id],
  );
  const [outbox] = await db.query<NonNullable<OrderFacts['outbox']>>(
    "SELECT state, attempts, last_error, next_attempt_at, client_id, server_id, sent_at, updated_at FROM push_outbox WHERE kind = 'order' AND order_id = ? " +
      'ORDER BY created_at DESC LIMIT 1',
    [row.id],
  );
  const disputes = await db.query<{
    id: string;
    reason: DisputeReason;
    status: string;
    resolution: DisputeResolution | null;
    created_at: number;
    resolved_at: number | null;
    resolved_by: string | null;
  }>(
    'SELECT d.id, d.reason, d.status, d.resolution, d.created_at, d.resolved_at, COALESCE(s.username, d.resolved_by) AS resolved_by ' +
      'FROM push_disputes d LEFT JOIN staff_accounts s ON s.id = d.resolved_by WHERE d.order_id = ? ORDER BY d.created_at',
    [row.id],
  );
  const audited = await db.query<{ action: string; actor: string; at: number; after_json: unknown }>(
    'SELECT a.action, COALESCE(s.username, a.actor) AS actor, a.at, a.after_json FROM audit_log a ' +
      'LEFT JOIN staff_accounts s ON s.id = a.actor ' +
      "WHERE a.target_type = 'order' AND a.target_id = ? ORDER BY a.id",
    [row.id],
  );
  const staff = audited.map(({ after_json, ...a }) => {
    const note = readJson<{ note?: unknown } | null>(after_json)?.note;
    return { ...a, note: typeof note === 'string' ? note : null };
  });
  const [sent] = await db.query<{ sent_at: number | null }>('SELECT sent_at FROM orders WHERE id = ?', [
    row.id,
  ]);
  return { payments, outbox, disputes, staff, sentAt: sent?.sent_at ?? null };
}

/** Why the desk may not cancel the order, or undefined when it may (the rule the customer has, plus disputes). */
export function staffCancelBlock(row: OrderRow): string | undefined {
  if (row.status === 'cancelled') return 'cancelled';
  // A disputed order is cancelled from the dispute workbench, where Mahak's side is shown too.
  if (row.sync_status === 'disputed') return 'disputed';
  if (row.sync_status === 'failed')
    return row.payment_method === 'online' && row.status === 'placed' ? 'paid_online' : undefined;
  return customerCancelBlock(row);
}

/** Why "push now" is not offered, by the state of the order's outbox row. */
export function pushBlock(row: OrderRow, state: OutboxState | undefined): string | undefined {
  if (row.status === 'cancelled') return 'cancelled';
  const blocked: Partial<Record<OutboxState, string>> = {
    held: 'awaiting_payment',
    sent: 'already_sent',
    disputed: 'disputed',
    dead: 'dead_letter',
    cancelled: 'cancelled',
  };
  return state === undefined ? 'no_outbox' : blocked[state];
}

function orderActions(row: OrderRow, state: OutboxState | undefined): OrderActions {
  const cancel = staffCancelBlock(row);
  const push = pushBlock(row, state);
  return {
    cancel: { allowed: cancel === undefined, blockedBy: cancel ?? null },
    pushNow: { allowed: push === undefined, blockedBy: push ?? null },
  };
}
