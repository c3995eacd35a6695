import type { PushOrderPayload } from '../contracts/orders.js';
import type { PaymentFailureReason } from '../contracts/payments.js';
import { HamgamError } from '../errors.js';
import { lockKeys, variantLockKey } from '../orders/order-locks.js';
import type { OrderRow } from '../orders/order-records.js';
import { findOrder, orderLineRows } from '../orders/order-repo.js';
import { releaseHeldOutbox } from '../push/outbox-repo.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';
import type { VerifyResult } from './payment-gateway.js';
import {
  failPayment,
  findPayment,
  keepCallbackParams,
  markVerified,
  type PaymentRow,
} from './payment-repo.js';

/**
 * The two transactions around a gateway verification. Money is taken only by verify(), so the order
 * must not expire while it runs, and must never be placed after its stock was given away:
 *
 *  claim (before verify), under the order's variant locks with the clock read after them: the order
 *  is still awaiting payment and before its deadline -> it is marked "verifying" and its reservations
 *  lose their expiry (a checkout of the same variants either ran before — and counted them, since its
 *  clock was earlier than the deadline — or runs after and sees them pinned). Past the deadline the
 *  payment fails WITHOUT verify (the gateway returns the money) and the order expires.
 *
 *  settle (after verify): the full total verified -> order placed, payment verified and the held
 *  order outbox row released with the payment (Receipt + Cheque Type 2 in Mahak, API.md §4.1), in
 *  one transaction. Anything else -> payment failed, the claim dropped, the deadline back on the
 *  reservations (the customer may try again until it passes).
 */

export type ClaimOutcome = { verify: true } | { verify: false; expire: boolean };

export async function claimForVerification(
  tx: SqlExecutor,
  paymentId: string,
  params: Record<string, unknown>,
  clock: () => number,
): Promise<ClaimOutcome> {
  const first = await findPayment(tx, paymentId);
  const lines = first ? await orderLineRows(tx, first.order_id) : [];
  await lockKeys(
    tx,
    lines.map((l) => variantLockKey(Number(l.variant_id))),
  );
  const now = clock();
  const payment = await findPayment(tx, paymentId);
  const order = payment && (await findOrder(tx, payment.order_id));
  if (!payment || !order || payment.status !== 'initiated') return { verify: false, expire: false };
  const refusal = refusalOf(order, payment, now);
  if (refusal === 'verify') return { verify: true };
  if (refusal) {
    await failPayment(tx, payment.id, refusal, now);
    return { verify: false, expire: refusal === 'order_expired' };
  }
  const claimed = await tx.run(
    'UPDATE orders SET verifying_payment_id = ?, payment_verifying_at = ?, updated_at = ? ' +
      "WHERE id = ? AND status = 'awaiting_payment' AND payment_verifying_at IS NULL AND payment_deadline > ?",
    [payment.id, now, now, order.id, now],
  );
  if (claimed !== 1) throw inProgress(order.id);
  await tx.run('UPDATE stock_reservations SET expires_at = NULL WHERE order_id = ? AND released_at IS NULL', [
    order.id,
  ]);
  await keepCallbackParams(tx, payment.id, params, now);
  return { verify: true };
}

/** Why this payment must not be verified now; 'verify' when this very payment already holds the claim. */
function refusalOf(
  order: OrderRow,
  payment: PaymentRow,
  now: number,
): PaymentFailureReason | 'verify' | undefined {
  if (order.status === 'placed') return 'order_already_paid';
  if (order.status === 'cancelled') return 'order_cancelled';
  // A second callback for the same payment, or the recovery of a verification cut short.
  if (order.verifying_payment_id === payment.id) return 'verify';
  if (order.payment_verifying_at !== null) throw inProgress(order.id);
  if (order.payment_deadline === null || Number(order.payment_deadline) <= now) return 'order_expired';
  return undefined;
}

export async function settleVerification(
  tx: SqlExecutor,
  paymentId: string,
  result: VerifyResult,
  now: number,
): Promise<{ placed: boolean; mismatch: boolean }> {
  const payment = await findPayment(tx, paymentId);
  const order = payment && (await findOrder(tx, payment.order_id));
  if (!payment || !order || payment.status !== 'initiated' || order.verifying_payment_id !== payment.id) {
    return { placed: false, mismatch: false };
  }
  const total = Number(order.total);
  const mismatch = result.ok && (result.amount !== total || Number(payment.amount) !== total);
  if (!result.ok || mismatch) {
    await failPayment(tx, payment.id, mismatch ? 'amount_mismatch' : 'declined', now);
    await tx.run(
      'UPDATE orders SET verifying_payment_id = NULL, payment_verifying_at = NULL, updated_at = ? WHERE id = ? AND verifying_payment_id = ?',
      [now, order.id, payment.id],
    );
    await tx.run('UPDATE stock_reservations SET expires_at = ? WHERE order_id = ? AND released_at IS NULL', [
      order.payment_deadline,
      order.id,
    ]);
    return { placed: false, mismatch };
  }
  await placePaidOrder(tx, order, payment, result, now);
  return { placed: true, mismatch: false };
}

async function placePaidOrder(
  tx: SqlExecutor,
  order: OrderRow,
  payment: PaymentRow,
  result: VerifyResult,
  now: number,
): Promise<void> {
  await tx.run(
    "UPDATE orders SET status = 'placed', verifying_payment_id = NULL, payment_verifying_at = NULL, updated_at = ? " +
      "WHERE id = ? AND status = 'awaiting_payment' AND verifying_payment_id = ?",
    [now, order.id, payment.id],
  );
  await markVerified(tx, payment.id, result.reference ?? null, now);
  const held = await tx.query<{ payload: string }>(
    "SELECT payload FROM push_outbox WHERE order_id = ? AND kind = 'order' AND state = 'held'",
    [order.id],
  );
  if (!held[0]) throw new HamgamError('INTERNAL', `Order ${order.id} has no held outbox row to release`);
  const payload: PushOrderPayload = {
    ...readJson<PushOrderPayload>(held[0].payload),
    payment: {
      method: 'online',
      paid: true,
      amount: result.amount,
      ...(result.reference ? { reference: result.reference } : {}),
      paidAt: new Date(now).toISOString(),
    },
  };
  await releaseHeldOutbox(tx, order.id, payload, now);
}

function inProgress(orderId: string): HamgamError {
  return new HamgamError('ORDER_NOT_PAYABLE', 'Another payment of this order is being verified', {
    orderId,
    reason: 'payment_in_progress',
  });
}
