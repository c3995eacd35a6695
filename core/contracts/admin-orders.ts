import { z } from 'zod';
import { outboxStateSchema } from './admin.js';
import {
  addressViewSchema,
  disputeReasonSchema,
  disputeResolutionSchema,
  orderStatusSchema,
  orderTotalsSchema,
  paymentMethodSchema,
  pricedLineSchema,
  syncStatusSchema,
} from './orders.js';

/**
 * Admin API (/admin/api/orders, /admin/api/customers) for the desk's orders and customers screens.
 * Money is rial; times ISO-8601. The order number a customer sees is the order's sequence (`number`).
 */

const isoTime = z.string();
/** A day or a moment; a bare date is taken as that whole day in the appliance's time zone. */
const dateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const search = z.string().max(100).optional();

// ---- orders ----

export const adminOrderListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(500).optional(),
  status: orderStatusSchema.optional(),
  syncStatus: syncStatusSchema.optional(),
  /** Placed on or after. */
  from: dateBound.optional(),
  /** Placed on or before (a bare date includes the whole day). */
  to: dateBound.optional(),
  /** Customer name, mobile (any digits) or order number. */
  q: search,
  customerId: z.string().min(1).max(100).optional(),
});
export type AdminOrderListQuery = z.output<typeof adminOrderListQuerySchema>;

export const orderCustomerRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  mobile: z.string(),
});

export const cancelReasonSchema = z.enum(['customer', 'payment_timeout', 'staff']);

export const adminOrderSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  status: orderStatusSchema,
  syncStatus: syncStatusSchema,
  paymentMethod: paymentMethodSchema,
  total: z.number().int(),
  lineCount: z.number().int(),
  customer: orderCustomerRefSchema,
  /** Mahak's OrderId (the invoice) once it is there. */
  mahakOrderId: z.number().int().nullable(),
  cancelReason: cancelReasonSchema.nullable(),
  createdAt: isoTime,
});
export type AdminOrderSummary = z.infer<typeof adminOrderSummarySchema>;

export const adminOrderListSchema = z.object({
  items: z.array(adminOrderSummarySchema),
  nextCursor: z.string().nullable(),
});
export type AdminOrderList = z.infer<typeof adminOrderListSchema>;

export const timelineKindSchema = z.enum([
  'placed',
  'payment_started',
  'paid',
  'payment_failed',
  'sent',
  'mahak_invoice',
  'push_failed',
  'disputed',
  'dispute_resolved',
  'cancelled',
  'expired',
  'staff_action',
]);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

export const timelineEventSchema = z.object({
  kind: timelineKindSchema,
  at: isoTime,
  /** Facts for the line: amount, reference, Mahak OrderId, dispute reason, staff name, action... */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const orderPaymentSchema = z.object({
  id: z.string(),
  gateway: z.string(),
  amount: z.number().int(),
  status: z.string(),
  reference: z.string().nullable(),
  createdAt: isoTime,
  verifiedAt: isoTime.nullable(),
});

export const orderPushSchema = z.object({
  state: outboxStateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoTime,
  /** OrderClientId once sent. */
  clientId: z.number().int().nullable(),
  sentAt: isoTime.nullable(),
});

export const orderDisputeRefSchema = z.object({
  id: z.string(),
  reason: disputeReasonSchema,
  status: z.enum(['open', 'resolved']),
  resolution: disputeResolutionSchema.nullable(),
  createdAt: isoTime,
});

/** Why an action is not offered (null when it is). */
export const orderActionsSchema = z.object({
  cancel: z.object({ allowed: z.boolean(), blockedBy: z.string().nullable() }),
  pushNow: z.object({ allowed: z.boolean(), blockedBy: z.string().nullable() }),
});
export type OrderActions = z.infer<typeof orderActionsSchema>;

export const adminOrderDetailSchema = adminOrderSummarySchema.extend({
  lines: z.array(pricedLineSchema),
  totals: orderTotalsSchema,
  address: addressViewSchema,
  note: z.string().nullable(),
  paymentDeadline: isoTime.nullable(),
  payments: z.array(orderPaymentSchema),
  push: orderPushSchema.nullable(),
  disputes: z.array(orderDisputeRefSchema),
  timeline: z.array(timelineEventSchema),
  actions: orderActionsSchema,
});
export type AdminOrderDetail = z.infer<typeof adminOrderDetailSchema>;

export const orderIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

export const cancelOrderRequestSchema = z.strictObject({
  /** Kept in the audit log beside the staff member's name. */
  note: z.string().trim().max(500).optional(),
});
export type CancelOrderRequest = z.infer<typeof cancelOrderRequestSchema>;

// ---- customers ----

/**
 * The web customer's link to Mahak: linked (Mahak's PersonId known), pending (in the outbox),
 * disputed / failed (needs the clerk), none (never sent: no order yet).
 */
export const customerLinkStateSchema = z.enum(['linked', 'pending', 'disputed', 'failed', 'none']);
export type CustomerLinkState = z.infer<typeof customerLinkStateSchema>;

export const adminCustomerListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(500).optional(),
  /** Name, mobile (any digits) or email. */
  q: search,
  linkState: customerLinkStateSchema.optional(),
});
export type AdminCustomerListQuery = z.output<typeof adminCustomerListQuerySchema>;

export const adminCustomerSummarySchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  mobile: z.string(),
  email: z.string().nullable(),
  /** Mahak's PersonId. */
  mahakPersonId: z.number().int().nullable(),
  /** PersonClientId when Hamgam created the person in Mahak. */
  personClientId: z.number().int().nullable(),
  linkState: customerLinkStateSchema,
  orderCount: z.number().int(),
  createdAt: isoTime,
});
export type AdminCustomerSummary = z.infer<typeof adminCustomerSummarySchema>;

export const adminCustomerListSchema = z.object({
  items: z.array(adminCustomerSummarySchema),
  nextCursor: z.string().nullable(),
});
export type AdminCustomerList = z.infer<typeof adminCustomerListSchema>;

/** Mahak's person as last pulled (People), when the link is known and the pull has it. */
export const mahakPersonSchema = z.object({
  personId: z.number().int(),
  code: z.number().int().nullable(),
  clientId: z.number().int().nullable(),
  name: z.string(),
  mobile: z.string().nullable(),
  personGroupId: z.number().int().nullable(),
  /** The group's name in the pulled PersonGroups list; null when that list has no such group (yet). */
  personGroupName: z.string().nullable(),
  rowVersion: z.number().int(),
  deleted: z.boolean(),
});

export const adminCustomerDetailSchema = adminCustomerSummarySchema.extend({
  mahakPerson: mahakPersonSchema.nullable(),
  push: z
    .object({
      state: outboxStateSchema,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: isoTime.nullable(),
    })
    .nullable(),
  orders: z.array(adminOrderSummarySchema),
});
export type AdminCustomerDetail = z.infer<typeof adminCustomerDetailSchema>;
