import { randomUUID } from 'node:crypto';
import type { PaymentCallbackQuery, PaymentResult, StartPaymentResponse } from '../contracts/payments.js';
import { HamgamError, isHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { OrdersService } from '../orders/orders-service.js';
import type { OrderRow } from '../orders/order-records.js';
import { findOrder, ownOrder } from '../orders/order-repo.js';
import type { SqlDb } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';
import type { PaymentGateway } from './payment-gateway.js';
import {
  findByGatewayId,
  findPayment,
  insertPayment,
  toPaymentResult,
  type PaymentRow,
} from './payment-repo.js';
import { claimForVerification, settleVerification } from './payment-settlement.js';

/** A verification claim older than this was cut short (crash, gateway timeout) and is retried. */
const staleClaimMs = 5 * 60_000;

/** Online payment of storefront orders through the PaymentGateway port (payment-settlement.ts). */
export class PaymentsService {
  constructor(
    private readonly db: SqlDb,
    private readonly gateway: PaymentGateway,
    private readonly orders: OrdersService,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a payment of the customer's unpaid online order; ORDER_NOT_PAYABLE otherwise. */
  async start(customerId: string, orderId: string, callbackUrl: string): Promise<StartPaymentResponse> {
    const order = await ownOrder(this.db, customerId, orderId);
    const now = this.now();
    const deadline = Number(order.payment_deadline ?? 0);
    const reason = unpayableReason(order, now);
    if (reason)
      throw new HamgamError('ORDER_NOT_PAYABLE', `Order ${orderId} cannot be paid (${reason})`, {
        orderId,
        reason,
      });
    const amount = Number(order.total);
    const created = await this.gateway.createPayment({ orderId, amount, callbackUrl });
    const id = randomUUID();
    await insertPayment(this.db, {
      id,
      orderId,
      gateway: this.gateway.name,
      gatewayPaymentId: created.paymentId,
      amount,
      now,
    });
    this.logger.info({ orderId, paymentId: id, amount, gateway: this.gateway.name }, 'payment started');
    return {
      paymentId: id,
      redirectUrl: created.redirectUrl,
      amount,
      payBefore: new Date(deadline).toISOString(),
    };
  }

  /** The gateway's callback; idempotent (a repeated callback answers with the recorded outcome). */
  async handleCallback(query: PaymentCallbackQuery): Promise<PaymentResult> {
    const payment = await findByGatewayId(this.db, this.gateway.name, query.paymentId);
    if (!payment) throw new HamgamError('NOT_FOUND', 'Unknown payment', { resource: 'payment' });
    if (payment.status === 'initiated') await this.settle(payment, { ...query });
    return this.result(payment.id);
  }

  /**
   * Scheduled before the expiry: verifications cut short (the process died between verify and
   * settle, or the gateway timed out) are verified again with the callback's parameters — verify is
   * idempotent at the gateway — so money taken is never left without its order.
   */
  async recoverStaleVerifications(now: number = this.now()): Promise<number> {
    const stale = await this.db.query<{ verifying_payment_id: string }>(
      "SELECT verifying_payment_id FROM orders WHERE status = 'awaiting_payment' AND payment_verifying_at < ? AND verifying_payment_id IS NOT NULL",
      [now - staleClaimMs],
    );
    let recovered = 0;
    for (const { verifying_payment_id: id } of stale) {
      const payment = await findPayment(this.db, id);
      if (!payment || payment.status !== 'initiated') continue;
      try {
        await this.settle(payment, readJson<Record<string, unknown>>(payment.callback_params) ?? {});
        recovered++;
      } catch (e) {
        this.logger.warn(
          { paymentId: id, err: (e as Error).message },
          'stale payment verification not recovered',
        );
      }
    }
    return recovered;
  }

  private async settle(payment: PaymentRow, params: Record<string, unknown>): Promise<void> {
    const claim = await this.db.transaction((tx) => claimForVerification(tx, payment.id, params, this.now));
    if (!claim.verify) {
      if (claim.expire) {
        const notice = await this.orders.expireOne(payment.order_id, this.now());
        if (notice) await this.orders.notify(notice);
      }
      return;
    }
    const result = await this.gateway
      .verify({ paymentId: payment.gateway_payment_id, params })
      .catch((e: unknown) => {
        // The claim stays: recoverStaleVerifications retries, so the money is never lost track of.
        if (isHamgamError(e)) throw e;
        throw new HamgamError(
          'PAYMENT_FAILED',
          'The payment gateway could not confirm the payment yet',
          {
            reason: 'gateway_unreachable',
          },
          { cause: e },
        );
      });
    const settled = await this.db.transaction((tx) => settleVerification(tx, payment.id, result, this.now()));
    const fields = { orderId: payment.order_id, paymentId: payment.id, reference: result.reference };
    if (settled.mismatch) {
      this.logger.warn(
        { ...fields, paid: result.amount, expected: Number(payment.amount) },
        'payment amount does not match the order total: refund it at the gateway',
      );
    } else {
      this.logger.info(
        { ...fields, placed: settled.placed },
        settled.placed ? 'payment verified, order placed' : 'payment declined',
      );
    }
  }

  private async result(paymentId: string): Promise<PaymentResult> {
    const payment = (await findPayment(this.db, paymentId))!;
    const order = (await findOrder(this.db, payment.order_id))!;
    return toPaymentResult(payment, order.status);
  }
}

/** Why an order cannot start a payment now, or undefined when it can. */
function unpayableReason(order: OrderRow, now: number): string | undefined {
  if (order.payment_method !== 'online' || order.status !== 'awaiting_payment')
    return `status_${order.status}`;
  if (Number(order.payment_deadline ?? 0) <= now) return 'payment_time_over';
  if (order.payment_verifying_at !== null) return 'payment_in_progress';
  return undefined;
}
