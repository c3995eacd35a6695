import { z } from 'zod';

/**
 * Dead letters on the desk (/admin/api/dead-letters, invariant 6): the list with filters and paging,
 * one letter with its payload and attempt history, retry / discard / retry-all. Times are ISO-8601.
 */

const isoTime = z.string();
const isoInstant = z.iso.datetime({ offset: true });

/** Where a letter came from: a push item, a queued message, a quarantined pull record, a picture. */
export const deadLetterSourceSchema = z.enum(['push', 'queue', 'pull', 'pictures']);
export type DeadLetterSource = z.infer<typeof deadLetterSourceSchema>;

/**
 * What an unnumbered line of a push letter is: staff put the item back in line, a read-back between
 * attempts, a send that did not count (another item's rejection sank the shared request), or anything
 * else (also every line of a letter written before lines were numbered).
 */
export const deadLetterNoteSchema = z.enum(['staff_retry', 'readback', 'not_counted', 'other']);
export type DeadLetterNote = z.infer<typeof deadLetterNoteSchema>;

/** One line of a letter's history: an attempt (numbered as the attempt count counts) or a note. */
export const deadLetterLineSchema = z.object({
  at: isoTime,
  /** What went wrong, as stored (lib/failure-text.ts on the desk); empty for a note without one. */
  error: z.string(),
  attempt: z.number().int().positive().nullable(),
  /** Set exactly when `attempt` is null. */
  note: deadLetterNoteSchema.nullable(),
});
export type DeadLetterLine = z.infer<typeof deadLetterLineSchema>;

export const deadLetterSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  kind: z.string(),
  reason: z.string(),
  attempts: z.number().int(),
  /** Push letters: from the last staff retry on, oldest first. */
  history: z.array(deadLetterLineSchema),
  payload: z.unknown(),
  /** Whether POST .../retry can put it back (push items, queued pull pages, pictures). */
  retryable: z.boolean(),
  createdAt: isoTime,
});
export type DeadLetterView = z.infer<typeof deadLetterSchema>;

const filterShape = {
  source: deadLetterSourceSchema.optional(),
  /** Entity, topic or outbox kind ('order', 'person', 'Picture', 'ProductDetails', ...). */
  kind: z.string().trim().min(1).max(100).optional(),
  /** Created at or after / before (exclusive) these instants. */
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  /** Text in the error or the attempt history (ي/ك match ی/ک). */
  q: z.string().trim().min(1).max(200).optional(),
};

function checkRange(f: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (f.from && f.to && Date.parse(f.from) > Date.parse(f.to))
    ctx.addIssue({ code: 'custom', message: 'from is after to', path: ['from'] });
}

export const deadLetterFilterSchema = z.object(filterShape).strict().superRefine(checkRange);
export type DeadLetterFilter = z.infer<typeof deadLetterFilterSchema>;

/**
 * Newest first, paged by offset (the desk's grid). `afterId` walks oldest first by id instead (for
 * scripts that read everything), as the list did before the filters came.
 */
export const deadLetterListQuerySchema = z
  .object({
    ...filterShape,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    afterId: z.coerce.number().int().min(0).optional(),
  })
  .strict()
  .superRefine(checkRange);
export type DeadLetterListQuery = z.infer<typeof deadLetterListQuerySchema>;

export const deadLetterGroupSchema = z.object({
  source: z.string(),
  kind: z.string(),
  count: z.number().int(),
});

export const deadLetterListSchema = z.object({
  items: z.array(deadLetterSchema),
  /** Letters matching the filter (all pages). */
  total: z.number().int(),
  /** Of those, the ones retry (and retry-all) can put back. */
  retryable: z.number().int(),
  /** Every letter by source and kind, unfiltered: the filter's choices with their counts. */
  groups: z.array(deadLetterGroupSchema),
});
export type DeadLetterList = z.infer<typeof deadLetterListSchema>;

export const deadLetterIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const deadLetterRetrySchema = z.object({
  id: z.number().int(),
  /** Where it went back to. */
  requeuedTo: z.enum(['outbox', 'queue', 'pictures']),
  target: z.string(),
});
export type DeadLetterRetry = z.infer<typeof deadLetterRetrySchema>;

/** POST /admin/api/dead-letters/retry-all: every retryable letter matching the filter (all when empty). */
export const deadLetterRetryAllRequestSchema = deadLetterFilterSchema;
export type DeadLetterRetryAllRequest = z.infer<typeof deadLetterRetryAllRequestSchema>;

export const deadLetterRetryFailureSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  message: z.string(),
  messageFa: z.string(),
});

export const deadLetterRetryAllSchema = z.object({
  /** Letters matching the filter. */
  matched: z.number().int(),
  /** Put back where they came from (each one audited). */
  retried: z.array(deadLetterRetrySchema),
  /** Could not be put back (e.g. the outbox item is gone, or someone handled it meanwhile); still listed. */
  failed: z.array(deadLetterRetryFailureSchema),
  /** Matched but never retryable (quarantined pull records): only discard removes them. */
  skipped: z.number().int(),
  /** More than one call handles were left; call again. */
  more: z.boolean(),
});
export type DeadLetterRetryAll = z.infer<typeof deadLetterRetryAllSchema>;
