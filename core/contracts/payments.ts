import { z } from 'zod';
import { orderStatusSchema, rialSchema } from './orders.js';

/**
 * Online payment of a storefront order (/api/v1/orders/:id/pay and the gateway callback). Amounts
 * are rial. A payment is `initiated` when the customer is sent to the gateway, `verified` when the
 * gateway confirmed the full order total, `failed` otherwise (cancelled, declined, wrong amount, or
 * the order expired first — then it is never verified, so the gateway returns the money).
 */

export const paymentStatusSchema = z.enum(['initiated', 'verified', 'failed']);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const orderParamsSchema = z.object({ id: z.uuid() });

export const startPaymentResponseSchema = z.object({
  paymentId: z.string(),
  /** Send the customer's browser here. */
  redirectUrl: z.string(),
  amount: rialSchema,
  /** ISO time after which the unpaid order is cancelled and its stock released. */
  payBefore: z.iso.datetime({ offset: true }),
});
export type StartPaymentResponse = z.infer<typeof startPaymentResponseSchema>;

/** What a gateway sends back to the callback URL; unknown keys are kept for the gateway's verify(). */
export const paymentCallbackQuerySchema = z.looseObject({
  paymentId: z.string().trim().min(1).max(200),
  status: z.string().max(50).optional(),
});
export type PaymentCallbackQuery = z.infer<typeof paymentCallbackQuerySchema>;

export const paymentFailureReasonSchema = z.enum([
  'declined',
  'amount_mismatch',
  'order_expired',
  'order_cancelled',
  'order_already_paid',
]);
export type PaymentFailureReason = z.infer<typeof paymentFailureReasonSchema>;

export const paymentResultSchema = z.object({
  paymentId: z.string(),
  orderId: z.string(),
  status: paymentStatusSchema,
  orderStatus: orderStatusSchema,
  /** Gateway reference (tracking code) of a verified payment. */
  reference: z.string().nullable(),
  failureReason: paymentFailureReasonSchema.nullable(),
});
export type PaymentResult = z.infer<typeof paymentResultSchema>;

export const fakePaymentParamsSchema = z.object({ paymentId: z.string().min(1).max(200) });
