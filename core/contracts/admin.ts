import { z } from 'zod';
import { disputeReasonSchema, disputeResolutionSchema, MAX_LINE_QUANTITY } from './orders.js';

/**
 * Admin API (/admin/api) requests and responses for the push side: outbox, disputes, dead letters,
 * sync runs (ARCHITECTURE.md "Disputes", invariant 6). Times are ISO-8601 strings; money is rial.
 * The server validates with these; the renderer types against them.
 */

const isoTime = z.string();
const id = z.string().min(1).max(100);

// ---- outbox ----

export const outboxStateSchema = z.enum(['held', 'ready', 'sent', 'disputed', 'dead', 'cancelled']);
export type OutboxStateView = z.infer<typeof outboxStateSchema>;

export const outboxItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['person', 'order']),
  orderId: z.string().nullable(),
  state: outboxStateSchema,
  attempts: z.number().int(),
  nextAttemptAt: isoTime,
  /** An attempt was started and its outcome never recorded: it is read back before any resend. */
  inDoubt: z.boolean(),
  lastError: z.string().nullable(),
  /** OrderClientId / PersonClientId once the item was first sent. */
  clientId: z.number().int().nullable(),
  /** Mahak's OrderId / PersonId once confirmed. */
  serverId: z.number().int().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  sentAt: isoTime.nullable(),
});
export type OutboxItemView = z.infer<typeof outboxItemSchema>;

export const outboxQuerySchema = z.object({
  state: outboxStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxSummarySchema = z.object({
  counts: z.record(outboxStateSchema, z.number().int()),
  openDisputes: z.number().int(),
  recent: z.array(outboxItemSchema),
});
export type OutboxSummary = z.infer<typeof outboxSummarySchema>;

// ---- disputes ----

export const orderEditSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('set_unit_price'),
    lineIndex: z.number().int().min(0),
    unitPrice: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('set_quantity'),
    lineIndex: z.number().int().min(0),
    quantity: z.number().int().positive().max(MAX_LINE_QUANTITY),
  }),
  z.object({ kind: z.literal('remove_line'), lineIndex: z.number().int().min(0) }),
]);
export type OrderEditInput = z.infer<typeof orderEditSchema>;

export const disputeStatusSchema = z.enum(['open', 'resolved']);

export const disputeSummarySchema = z.object({
  id: z.string(),
  outboxId: z.string(),
  orderId: z.string().nullable(),
  /** The order's number as the desk shows it (its sequence); null for a customer. */
  orderNumber: z.number().int().nullable(),
  kind: z.enum(['person', 'order']),
  reason: disputeReasonSchema,
  status: disputeStatusSchema,
  allowed: z.array(disputeResolutionSchema),
  /** Mahak's words, Persian, verbatim. */
  mahakMessage: z.string().nullable(),
  resolution: disputeResolutionSchema.nullable(),
  createdAt: isoTime,
});
export type DisputeSummary = z.infer<typeof disputeSummarySchema>;

export const disputeDetailSchema = disputeSummarySchema.extend({
  /** What we sent: the outbox payload and the records of the SaveAllData request. */
  payload: z.unknown(),
  requestBody: z.unknown(),
  mahakProperty: z.string().nullable(),
  mahakCode: z.number().int().nullable(),
  errors: z.array(z.unknown()),
  /** Mahak's current version of the records involved (raw). */
  mahakCurrent: z.unknown(),
  /** One-click "edit and resend": the edits that take Mahak's current view (price, stock, product). */
  suggestedEdits: z.array(orderEditSchema),
  suggestedPersonGroupId: z.number().int().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: isoTime.nullable(),
});
export type DisputeDetail = z.infer<typeof disputeDetailSchema>;

export const disputeListQuerySchema = z.object({
  status: disputeStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const disputeListSchema = z.object({ items: z.array(disputeSummarySchema) });
export type DisputeList = z.infer<typeof disputeListSchema>;

export const idParamsSchema = z.object({ id });

export const resolveDisputeRequestSchema = z
  .object({
    resolution: disputeResolutionSchema,
    /** edit_and_resend of an order; the suggested edits when omitted. */
    edits: z.array(orderEditSchema).max(200).optional(),
    /** edit_and_resend of a person (missing person group); the suggested group when omitted. */
    personGroupId: z.number().int().positive().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ResolveDisputeRequest = z.infer<typeof resolveDisputeRequestSchema>;

// ---- dead letters (core/contracts/admin-dead-letters.ts) ----

export * from './admin-dead-letters.js';

// ---- sync runs ----

export const syncRunSchema = z.object({
  id: z.string(),
  kind: z.enum(['pull', 'push', 'drift', 'reconcile']),
  status: z.enum(['running', 'ok', 'failed']),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  stats: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
});
export type SyncRunView = z.infer<typeof syncRunSchema>;

export const syncRunListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const syncRunListSchema = z.object({ items: z.array(syncRunSchema) });
export type SyncRunList = z.infer<typeof syncRunListSchema>;

export const syncTriggerSchema = z.object({
  /** idle: nothing to push; busy: another instance holds the lock. */
  outcome: z.enum(['ran', 'idle', 'busy']),
  run: syncRunSchema.nullable(),
});
export type SyncTrigger = z.infer<typeof syncTriggerSchema>;
