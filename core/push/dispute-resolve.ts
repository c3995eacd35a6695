import type { ResolveDisputeRequest } from '../contracts/admin.js';
import type { PushPayload } from '../contracts/orders.js';
import { applyOrderEdits, applyPersonEdit, checkResolution, prepareResend } from '../domain/dispute-rules.js';
import { HamgamError } from '../errors.js';
import type { OrderCancelledNotice } from '../orders/notification-sender.js';
import { cancelOrderIn } from '../orders/order-cancel.js';
import { findOrder } from '../orders/order-repo.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { writeAudit } from './audit-repo.js';
import { closeDispute, getDispute, type DisputeRecord } from './dispute-repo.js';
import { suggestOrderEdits, suggestPersonGroup, type SuggestOptions } from './dispute-suggest.js';
import { getOutboxRow } from './outbox-lease.js';
import { recordSent, reopenRow, wakeWaitingOrders } from './outbox-record.js';
import type { OutboxRow } from './outbox-rows.js';
import { applyEditedOrder } from './order-edit-store.js';
import { setOrderSyncStatus } from './order-sync-status.js';

export interface ResolveInput {
  id: string;
  request: ResolveDisputeRequest;
  actor: { id: string; role: string };
  now: number;
  suggest: SuggestOptions;
}

interface Outcome {
  after: Record<string, unknown>;
  notice?: OrderCancelledNotice;
}

/**
 * One resolution, in the caller's transaction: checks it is allowed for the reason (409
 * DISPUTE_RESOLUTION_NOT_ALLOWED), acts on the outbox row and the order, closes the dispute and writes
 * the audit row (who, when, action, before, after). Returns the customer notice of a cancellation.
 */
export async function resolveInTx(
  tx: SqlExecutor,
  input: ResolveInput,
): Promise<OrderCancelledNotice | undefined> {
  const { id, request, actor, now } = input;
  const d = await getDispute(tx, id);
  if (!d) throw new HamgamError('NOT_FOUND', `Dispute ${id} not found`, { resource: 'dispute', id });
  if (d.status !== 'open')
    throw new HamgamError('CONFLICT', 'This dispute is already resolved', { id, resolution: d.resolution });
  const problem = checkResolution(d.reason, request.resolution);
  if (problem) throw new HamgamError('DISPUTE_RESOLUTION_NOT_ALLOWED', problem.message, problem.details);
  const row = await getOutboxRow(tx, d.outboxId);
  if (!row)
    throw new HamgamError('NOT_FOUND', `Outbox item ${d.outboxId} not found`, {
      resource: 'outbox',
      id: d.outboxId,
    });
  const outcome = await act(tx, d, row, input);
  if (!(await closeDispute(tx, id, { resolution: request.resolution, by: actor.id, now }))) {
    throw new HamgamError('CONFLICT', 'This dispute was resolved meanwhile', { id });
  }
  await writeAudit(tx, {
    actor: actor.id,
    action: `dispute.${request.resolution}`,
    targetType: 'dispute',
    targetId: id,
    before: { reason: d.reason, status: d.status, outboxState: row.state, payload: d.payload },
    after: {
      resolution: request.resolution,
      role: actor.role,
      ...(request.note ? { note: request.note } : {}),
      ...outcome.after,
    },
    at: now,
  });
  return outcome.notice;
}

async function act(tx: SqlExecutor, d: DisputeRecord, row: OutboxRow, input: ResolveInput): Promise<Outcome> {
  const { now, request } = input;
  switch (request.resolution) {
    case 'resend':
      return resend(tx, row, resendPayload(d.payload), now, {});
    case 'edit_and_resend':
      return editAndResend(tx, d, row, input);
    case 'accept_mahak':
      return acceptMahak(tx, d, row, now);
    case 'cancel_order':
      return cancelOrder(tx, d, row, now);
  }
}

function resendPayload(payload: PushPayload): PushPayload {
  if (payload.kind === 'person') return payload;
  const next = prepareResend(payload);
  if (!next.ok) throw new HamgamError('VALIDATION_FAILED', next.problem.message, next.problem.details);
  return next.payload;
}

async function resend(
  tx: SqlExecutor,
  row: OutboxRow,
  payload: PushPayload,
  now: number,
  after: Record<string, unknown>,
): Promise<Outcome> {
  await reopenRow(tx, row, { now, payload, entry: { at: now, outcome: 'resolved:resend' } });
  if (row.orderId) await setOrderSyncStatus(tx, row.orderId, 'pending', now);
  if (payload.kind === 'person') await wakeWaitingOrders(tx, now);
  return { after: { payload, ...after } };
}

async function editAndResend(
  tx: SqlExecutor,
  d: DisputeRecord,
  row: OutboxRow,
  input: ResolveInput,
): Promise<Outcome> {
  const { request, now } = input;
  if (d.payload.kind === 'person') {
    const group = request.personGroupId ?? suggestPersonGroup(d, input.suggest.personGroupId);
    if (group === null)
      throw new HamgamError('VALIDATION_FAILED', 'Name a person group that exists in Mahak', {
        field: 'personGroupId',
      });
    const edited = applyPersonEdit(d.payload, { kind: 'set_person_group', personGroupId: group });
    if (!edited.ok)
      throw new HamgamError('VALIDATION_FAILED', edited.problem.message, edited.problem.details);
    return resend(tx, row, edited.payload, now, { changes: edited.audit });
  }
  const edits = request.edits ?? suggestOrderEdits(d, input.suggest);
  const edited = applyOrderEdits(d.payload, edits);
  if (!edited.ok)
    throw new HamgamError('VALIDATION_FAILED', edited.problem.message, { ...edited.problem.details, edits });
  await applyEditedOrder(tx, edited.payload, now);
  return resend(tx, row, edited.payload, now, { edits, changes: edited.audit });
}

/** The invoice Mahak holds stands (read-back mismatch): the order is recorded as sent, Mahak's view wins. */
async function acceptMahak(tx: SqlExecutor, d: DisputeRecord, row: OutboxRow, now: number): Promise<Outcome> {
  const serverId = Number(d.mahakCurrent?.orderServerId ?? row.serverId ?? NaN);
  const mahakOrderId = Number.isSafeInteger(serverId) ? serverId : null;
  await recordSent(tx, row, {
    now,
    serverId: mahakOrderId,
    entry: { at: now, outcome: 'resolved:accept_mahak' },
  });
  if (row.orderId) {
    await setOrderSyncStatus(
      tx,
      row.orderId,
      'sent',
      now,
      mahakOrderId === null ? undefined : { mahakOrderId, rowVersion: null },
    );
  }
  return { after: { mahakOrderId } };
}

/**
 * The web order is cancelled (stock released, customer told) through the orders part. An invoice
 * Mahak may hold (read-back mismatch, a partly stored attempt) is voided there by staff: Hamgam never
 * deletes in Mahak on its own (dispute-rules.ts), so the in-doubt mark is cleared as staff's decision.
 */
async function cancelOrder(tx: SqlExecutor, d: DisputeRecord, row: OutboxRow, now: number): Promise<Outcome> {
  await tx.run('UPDATE push_outbox SET attempt_started_at = NULL WHERE id = ?', [row.id]);
  const order = row.orderId ? await findOrder(tx, row.orderId) : undefined;
  if (!order || order.status === 'cancelled') {
    await tx.run("UPDATE push_outbox SET state = 'cancelled', updated_at = ? WHERE id = ?", [now, row.id]);
    return { after: { orderCancelled: false, mayBeInMahak: d.reason === 'readback_mismatch' } };
  }
  const notice = await cancelOrderIn(tx, order, 'staff', now);
  return { after: { orderCancelled: true, mayBeInMahak: d.reason === 'readback_mismatch' }, notice };
}
