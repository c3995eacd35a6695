import { z } from 'zod';
import { textField } from './text.js';

/**
 * Storefront order API and the push outbox payloads (ARCHITECTURE.md "Push", invariants 5-7).
 * Money is always rial, as a safe integer; conversion to Mahak's currency happens only when the
 * SaveAllData body is built (core/domain/order-mapping-values.ts).
 */

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII; contracts import nothing but zod. */
export function foldDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
}

const digitsOnly = (text: string): string => foldDigits(text).replace(/[\s\-‐]/g, '');

export const rialSchema = z.number().int().nonnegative().refine(Number.isSafeInteger, 'rial beyond 2^53');
export const positiveIdSchema = z.number().int().positive().refine(Number.isSafeInteger, 'id beyond 2^53');
export const MAX_LINE_QUANTITY = 1000;
export const MAX_ORDER_LINES = 100;

/** Iranian postal code: 10 digits, typed with any digits and spaces or dashes. */
export const postalCodeSchema = z
  .string()
  .transform(digitsOnly)
  .pipe(z.string().regex(/^\d{10}$/, 'postal code must be 10 digits'));

/** Iranian mobile number, stored as 09xxxxxxxxx; accepts +98 / 0098 / 98 prefixes and Persian digits. */
export const mobileSchema = z
  .string()
  .transform((v) => digitsOnly(v).replace(/^\+?(00)?98(?=9\d{9}$)/, '0'))
  .pipe(z.string().regex(/^09\d{9}$/, 'mobile must look like 09123456789'));

/** Free text of an order: the one text primitive (NFC, Persian letters, no control/invisible-only text). */
const text = (max: number, multiLine = false) => textField({ max, multiLine });

export const checkoutLineSchema = z.object({
  /** ProductDetailId: the sellable variant (API.md §3.4). */
  variantId: positiveIdSchema,
  quantity: z.number().int().positive().max(MAX_LINE_QUANTITY),
  /**
   * The unit price (rial, before tax/levy: the Price<N> column) the storefront showed; when given, a
   * different current price is a problem instead of a silent change.
   */
  expectedUnitPrice: rialSchema.optional(),
});
export type CheckoutLine = z.infer<typeof checkoutLineSchema>;

export const checkoutAddressSchema = z.object({
  title: text(100).optional(),
  province: text(100).optional(),
  city: text(100),
  /** Mahak Region CityID when the storefront knows it (goes into ShippingAddress.cityid). */
  cityId: positiveIdSchema.optional(),
  address: text(500, true),
  postalCode: postalCodeSchema,
  mobile: mobileSchema,
  tel: z
    .string()
    .transform(digitsOnly)
    .pipe(z.string().regex(/^\d{4,15}$/))
    .optional(),
  receiverName: text(150),
});
export type CheckoutAddress = z.infer<typeof checkoutAddressSchema>;

export const paymentMethodSchema = z.enum(['online', 'cash_on_delivery']);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const checkoutRequestSchema = z
  .object({
    lines: z.array(checkoutLineSchema).min(1).max(MAX_ORDER_LINES).optional(),
    cartId: z.string().trim().min(1).max(100).optional(),
    address: checkoutAddressSchema,
    paymentMethod: paymentMethodSchema,
    note: textField({ min: 0, max: 1000, multiLine: true }).optional(),
  })
  .strict()
  .refine((r) => (r.lines === undefined) !== (r.cartId === undefined), {
    message: 'send either lines or cartId, not both',
    path: ['lines'],
  })
  .refine((r) => !r.lines || new Set(r.lines.map((l) => l.variantId)).size === r.lines.length, {
    message: 'each variant once; put the whole quantity on one line',
    path: ['lines'],
  });
export type CheckoutRequest = z.infer<typeof checkoutRequestSchema>;

/** Codes match core/contracts/error-codes.ts; one problem per line and kind. */
export const checkoutProblemSchema = z.object({
  code: z.enum(['PRODUCT_UNAVAILABLE', 'ORDER_PRICE_CHANGED', 'ORDER_STOCK_CHANGED']),
  lineIndex: z.number().int().nonnegative(),
  variantId: positiveIdSchema,
  productName: z.string().optional(),
  /** PRODUCT_UNAVAILABLE only. */
  why: z.enum(['not_found', 'unpublished', 'no_price']).optional(),
  expectedUnitPrice: rialSchema.optional(),
  currentUnitPrice: rialSchema.optional(),
  requestedQuantity: z.number().int().optional(),
  availableQuantity: z.number().int().optional(),
});
export type CheckoutProblem = z.infer<typeof checkoutProblemSchema>;

/** An address as stored (already normalised): plain strings, so it also converts to JSON Schema. */
export const addressViewSchema = z.object({
  title: z.string().optional(),
  province: z.string().optional(),
  city: z.string(),
  cityId: z.number().int().optional(),
  address: z.string(),
  postalCode: z.string(),
  mobile: z.string(),
  tel: z.string().optional(),
  receiverName: z.string(),
});
export type AddressView = z.infer<typeof addressViewSchema>;

export const orderStatusSchema = z.enum(['awaiting_payment', 'placed', 'cancelled']);
export const syncStatusSchema = z.enum(['pending', 'sent', 'disputed', 'failed']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A priced line. TaxPercent/ChargePercent are Mahak's opaque percentages (API.md §3.4 names them crosswise). */
export const pricedLineSchema = z.object({
  variantId: positiveIdSchema,
  productId: positiveIdSchema,
  productName: z.string(),
  quantity: z.number().int().positive().max(MAX_LINE_QUANTITY),
  unitPrice: rialSchema,
  /** unitPrice x quantity. */
  lineNet: rialSchema,
  taxPercent: z.number().min(0).max(100),
  chargePercent: z.number().min(0).max(100),
  taxAmount: rialSchema,
  chargeAmount: rialSchema,
  lineTotal: rialSchema,
});
export type PricedLine = z.infer<typeof pricedLineSchema>;

export const orderTotalsSchema = z.object({
  itemsTotal: rialSchema,
  taxTotal: rialSchema,
  chargeTotal: rialSchema,
  shippingCost: rialSchema,
  total: rialSchema,
});
export type OrderTotals = z.infer<typeof orderTotalsSchema>;

export const orderViewSchema = z.object({
  id: z.string(),
  status: orderStatusSchema,
  paymentMethod: paymentMethodSchema,
  syncStatus: syncStatusSchema,
  /** Mahak's server OrderId once the invoice is confirmed; null before. */
  mahakOrderId: z.number().int().nullable(),
  lines: z.array(pricedLineSchema),
  totals: orderTotalsSchema,
  address: addressViewSchema,
  note: z.string().optional(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type OrderView = z.infer<typeof orderViewSchema>;

export const orderListSchema = z.object({
  items: z.array(orderViewSchema),
  nextCursor: z.string().nullable(),
});
export type OrderList = z.infer<typeof orderListSchema>;

// ---- push outbox payloads (stored as JSON in the outbox row, validated again when leased) ----

const seq = z.number().int().positive().refine(Number.isSafeInteger);

/** A new web customer, sent as Person + VisitorPerson (API.md §4.1 "New customer"). */
export const pushPersonPayloadSchema = z.object({
  kind: z.literal('person'),
  customerId: z.string().min(1),
  /** Database-allocated sequence; the PersonClientId is derived from it (core/domain/client-ids.ts). */
  personSeq: seq,
  firstName: text(100),
  lastName: text(100),
  mobile: mobileSchema,
  email: z.email().optional(),
  nationalCode: z
    .string()
    .transform(digitsOnly)
    .pipe(z.string().regex(/^\d{10}$/))
    .optional(),
  address: checkoutAddressSchema.partial().optional(),
  /** Set by a dispute edit; otherwise the configured default group is used. */
  personGroupId: positiveIdSchema.optional(),
});
export type PushPersonPayload = z.infer<typeof pushPersonPayloadSchema>;

export const pushPaymentSchema = z.object({
  method: paymentMethodSchema,
  paid: z.boolean(),
  /** What the customer actually paid, rial (0 when unpaid). */
  amount: rialSchema,
  /** Gateway reference (becomes Cheque.Number and Receipt.TrackingCode). */
  reference: z.string().min(1).max(100).optional(),
  paidAt: z.iso.datetime({ offset: true }).optional(),
});
export type PushPayment = z.infer<typeof pushPaymentSchema>;

export const pushOrderPayloadSchema = z.object({
  kind: z.literal('order'),
  orderId: z.string().min(1),
  /** Database-allocated sequence; OrderClientId and its children's ids derive from it. */
  orderSeq: seq,
  /** Bumped on every resend/edit so child ClientIds are fresh; OrderClientId never changes. */
  revision: z.number().int().min(0).max(99),
  createdAt: z.iso.datetime({ offset: true }),
  customer: z
    .object({
      /** Our sequence when we created the customer; null for customers pulled from Mahak. */
      personSeq: seq.nullable(),
      /** Mahak's PersonId when known (customer pulled from Mahak, or pushed earlier). */
      personServerId: positiveIdSchema.nullable(),
    })
    .refine(
      (c) => c.personSeq !== null || c.personServerId !== null,
      'the customer needs a PersonId or a personSeq',
    ),
  lines: z.array(pricedLineSchema).min(1).max(MAX_ORDER_LINES),
  totals: orderTotalsSchema,
  shipping: checkoutAddressSchema,
  payment: pushPaymentSchema,
  note: z.string().max(1000).optional(),
});
export type PushOrderPayload = z.infer<typeof pushOrderPayloadSchema>;

export const pushPayloadSchema = z.discriminatedUnion('kind', [
  pushPersonPayloadSchema,
  pushOrderPayloadSchema,
]);
export type PushPayload = z.infer<typeof pushPayloadSchema>;

/** One leased outbox row. */
export interface PushOutboxItem {
  outboxId: string;
  payload: PushPayload;
  /** The order's invoice is in Mahak already (this OrderId): send only its payment (issue 8). */
  paymentFor?: number;
}

// ---- disputes ----

export const disputeReasonSchema = z.enum([
  'product_deleted',
  'price_changed',
  'stock_changed',
  'missing_person_group',
  'person_rejected',
  'validation',
  /** Read-back found the invoice in Mahak but with other lines or amounts. */
  'readback_mismatch',
  /** Mahak said the order was saved, but the read-back never found it within the confirm window. */
  'saved_not_visible',
  /** The invoice is in Mahak but its payment (Receipt/Cheque) is not and cannot be sent as it is. */
  'payment_missing',
]);
export type DisputeReason = z.infer<typeof disputeReasonSchema>;

export const disputeResolutionSchema = z.enum(['resend', 'edit_and_resend', 'accept_mahak', 'cancel_order']);
export type DisputeResolution = z.infer<typeof disputeResolutionSchema>;
