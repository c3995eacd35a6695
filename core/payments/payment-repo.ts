import type { PaymentFailureReason, PaymentResult, PaymentStatus } from '../contracts/payments.js';
import type { OrderStatus } from '../contracts/orders.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam } from '../store/sql-values.js';

export interface PaymentRow {
  id: string;
  order_id: string;
  gateway: string;
  gateway_payment_id: string;
  amount: number;
  status: PaymentStatus;
  reference: string | null;
  failure_reason: PaymentFailureReason | null;
  callback_params: string | null;
  created_at: number;
  verified_at: number | null;
}

export async function insertPayment(
  db: SqlExecutor,
  p: { id: string; orderId: string; gateway: string; gatewayPaymentId: string; amount: number; now: number },
): Promise<void> {
  await db.run(
    "INSERT INTO payments (id, order_id, gateway, gateway_payment_id, amount, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'initiated', ?, ?)",
    [p.id, p.orderId, p.gateway, p.gatewayPaymentId, p.amount, p.now, p.now],
  );
}

export async function findPayment(db: SqlExecutor, id: string): Promise<PaymentRow | undefined> {
  return (await db.query<PaymentRow>('SELECT * FROM payments WHERE id = ?', [id]))[0];
}

export async function findByGatewayId(
  db: SqlExecutor,
  gateway: string,
  gatewayPaymentId: string,
): Promise<PaymentRow | undefined> {
  const rows = await db.query<PaymentRow>(
    'SELECT * FROM payments WHERE gateway = ? AND gateway_payment_id = ?',
    [gateway, gatewayPaymentId],
  );
  return rows[0];
}

/** Only an initiated payment fails; returns whether this call made it so. */
export async function failPayment(
  db: SqlExecutor,
  id: string,
  reason: PaymentFailureReason,
  now: number,
): Promise<boolean> {
  const changed = await db.run(
    "UPDATE payments SET status = 'failed', failure_reason = ?, updated_at = ? WHERE id = ? AND status = 'initiated'",
    [reason, now, id],
  );
  return changed === 1;
}

export async function markVerified(
  db: SqlExecutor,
  id: string,
  reference: string | null,
  now: number,
): Promise<boolean> {
  const changed = await db.run(
    "UPDATE payments SET status = 'verified', reference = ?, verified_at = ?, updated_at = ? WHERE id = ? AND status = 'initiated'",
    [reference, now, now, id],
  );
  return changed === 1;
}

export async function keepCallbackParams(
  db: SqlExecutor,
  id: string,
  params: unknown,
  now: number,
): Promise<void> {
  await db.run('UPDATE payments SET callback_params = ?, updated_at = ? WHERE id = ?', [
    jsonParam(params),
    now,
    id,
  ]);
}

export function toPaymentResult(p: PaymentRow, orderStatus: OrderStatus): PaymentResult {
  return {
    paymentId: p.id,
    orderId: p.order_id,
    status: p.status,
    orderStatus,
    reference: p.reference,
    failureReason: p.failure_reason,
  };
}
