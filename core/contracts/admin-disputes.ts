import { z } from 'zod';
import { disputeDetailSchema, idParamsSchema, orderEditSchema } from './admin.js';

/**
 * The dispute workbench (GET /admin/api/disputes/:id/workbench): the dispute, our record beside
 * Mahak's current one field by field, the edits that would take Mahak's view, and the audit trail of
 * the dispute (who resolved it, when, the record before and after). Money is rial on both sides
 * (Mahak's toman is converted); times are ISO-8601.
 */

export const comparedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ComparedValue = z.infer<typeof comparedValueSchema>;

export const comparedFieldSchema = z.object({
  /** available | unitPrice | stock | quantity | productDetailId | deleted | lines | name | mobile | personGroup */
  field: z.string(),
  ours: comparedValueSchema,
  /** null: Mahak has no such value (record or field missing there). */
  mahak: comparedValueSchema,
  differs: z.boolean(),
  format: z.enum(['text', 'money', 'number', 'bool', 'id']),
});
export type ComparedField = z.infer<typeof comparedFieldSchema>;

export const comparedRecordSchema = z.object({
  key: z.string(),
  /** line: one order line; invoice: the order as a whole; person: the customer; extra_line: only in Mahak. */
  kind: z.enum(['line', 'invoice', 'person', 'extra_line']),
  lineIndex: z.number().int().nullable(),
  /** What a clerk calls it: the product name, or the customer's name. */
  label: z.string(),
  /** Whether Mahak holds this record at all. */
  inMahak: z.boolean(),
  fields: z.array(comparedFieldSchema),
});
export type ComparedRecord = z.infer<typeof comparedRecordSchema>;

export const disputeComparisonSchema = z.object({
  /** live: read from Mahak just now; captured: what was read when the dispute opened (Mahak unreachable, or asked for). */
  source: z.enum(['live', 'captured']),
  fetchedAt: z.string(),
  /** Why the live read failed, when it did (the captured records are shown instead). */
  liveError: z.object({ code: z.string(), message: z.string(), messageFa: z.string() }).nullable(),
  records: z.array(comparedRecordSchema),
  /** "Edit and resend" as Mahak's current view asks (empty when resolved, or when nothing applies). */
  suggestedEdits: z.array(orderEditSchema),
  suggestedPersonGroupId: z.number().int().nullable(),
});
export type DisputeComparison = z.infer<typeof disputeComparisonSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  /** Staff account id, and its username when the account still exists. */
  actor: z.string(),
  actorName: z.string().nullable(),
  /** dispute.resend | dispute.edit_and_resend | dispute.accept_mahak | dispute.cancel_order | ... */
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  at: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const disputeWorkbenchQuerySchema = z
  .object({
    /** live (default) reads Mahak now; captured shows the records read when the dispute opened. */
    source: z.enum(['live', 'captured']).default('live'),
  })
  .strict();
export type DisputeWorkbenchQuery = z.infer<typeof disputeWorkbenchQuerySchema>;

export const disputeWorkbenchParamsSchema = idParamsSchema;

export const disputeWorkbenchSchema = z.object({
  dispute: disputeDetailSchema,
  comparison: disputeComparisonSchema,
  /** Newest first. */
  audit: z.array(auditEntrySchema),
});
export type DisputeWorkbench = z.infer<typeof disputeWorkbenchSchema>;
