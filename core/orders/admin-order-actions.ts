import { HamgamError } from '../errors.js';
import { writeAudit } from '../push/audit-repo.js';
import type { OutboxState } from '../push/outbox-repo.js';
import type { SqlDb } from '../store/sql-db.js';
import { pushBlock, staffCancelBlock } from './admin-order-detail.js';
import type { OrderCancelledNotice } from './notification-sender.js';
import { cancelOrderIn, notCancellable } from './order-cancel.js';
import { findOrder } from './order-repo.js';

export interface Actor {
  id: string;
}

/**
 * A clerk cancels an order Mahak has not received (an unpaid online order, a cash-on-delivery order
 * not yet sent): stock back, outbox row cancelled, payment attempts closed, in one transaction with the
 * audit row. The same guarded UPDATE as the customer's cancel makes a race with a payment lose cleanly.
 * Returns the notice for the customer, to be sent after commit.
 */
export async function cancelByStaff(
  db: SqlDb,
  orderId: string,
  actor: Actor,
  note: string | undefined,
  now: number,
): Promise<OrderCancelledNotice> {
  return db.transaction(async (tx) => {
    const row = await findOrder(tx, orderId);
    if (!row)
      throw new HamgamError('NOT_FOUND', `Order ${orderId} not found`, { resource: 'order', id: orderId });
    const blocked = staffCancelBlock(row);
    if (blocked) throw notCancellable(orderId, blocked);
    const notice = await cancelOrderIn(tx, row, 'staff', now);
    await writeAudit(tx, {
      actor: actor.id,
      action: 'order.cancel',
      targetType: 'order',
      targetId: orderId,
      before: { status: row.status, syncStatus: row.sync_status },
      after: { status: 'cancelled', ...(note ? { note } : {}) },
      at: now,
    });
    return notice;
  });
}

/**
 * "Push now": the order's waiting outbox row (and its customer's, which must go first) becomes due at
 * once, audited; the caller then runs the push. Only a row in state `ready` qualifies: held rows wait
 * for the payment, disputed ones for the workbench, dead ones for a dead-letter retry.
 */
export async function makeDueNow(db: SqlDb, orderId: string, actor: Actor, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findOrder(tx, orderId);
    if (!row)
      throw new HamgamError('NOT_FOUND', `Order ${orderId} not found`, { resource: 'order', id: orderId });
    const [outbox] = await tx.query<{ id: string; state: OutboxState; next_attempt_at: number }>(
      "SELECT id, state, next_attempt_at FROM push_outbox WHERE kind = 'order' AND order_id = ? ORDER BY created_at DESC LIMIT 1",
      [orderId],
    );
    const blocked = pushBlock(row, outbox?.state);
    if (blocked || !outbox) {
      throw new HamgamError(
        'ORDER_ACTION_NOT_ALLOWED',
        `Order ${orderId} cannot be pushed now (${blocked})`,
        {
          orderId,
          action: 'push_now',
          reason: blocked ?? 'no_outbox',
        },
      );
    }
    await tx.run(
      "UPDATE push_outbox SET next_attempt_at = ?, updated_at = ? WHERE state = 'ready' AND next_attempt_at > ? " +
        "AND (id = ? OR (kind = 'person' AND customer_id = ?))",
      [now, now, now, outbox.id, row.customer_id],
    );
    await writeAudit(tx, {
      actor: actor.id,
      action: 'order.push_now',
      targetType: 'order',
      targetId: orderId,
      before: { nextAttemptAt: Number(outbox.next_attempt_at) },
      after: { nextAttemptAt: Math.min(now, Number(outbox.next_attempt_at)) },
      at: now,
    });
  });
}
