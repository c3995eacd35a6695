import { z } from 'zod';

/**
 * Admin API (/admin/api/sync/...) for the desk's status screen, "sync now", live progress (SSE),
 * the dry-run preview and the run history. Times are ISO-8601 strings. The server validates with these
 * schemas; the renderer types against them and parses the SSE events with `syncStreamEventSchema`.
 */

const isoTime = z.string();

/** Mirrors pulledEntityNames (mahak-wire.ts), in pull order; a test keeps the two lists equal. */
export const syncEntityNames = [
  'Stores',
  'CostLevelNames',
  'Settings',
  'Banks',
  'ProductCategories',
  'Products',
  'ProductDetails',
  'VisitorProducts',
  'ProductDetailStoreAssets',
  'Pictures',
  'PhotoGalleries',
  'PersonGroups',
  'People',
  'VisitorPeople',
] as const;
export const syncEntitySchema = z.enum(syncEntityNames);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

// ---- a failure, explained for the clerk ----

export const syncErrorKinds = [
  'mahak_wrong_password',
  'mahak_wrong_database',
  'mahak_licence_expired',
  'mahak_token_refused',
  'mahak_unreachable',
  'mahak_timeout',
  'mahak_overloaded',
  'mahak_server_error',
  'mahak_wrong_address',
  'mahak_rejected',
  'mahak_bad_response',
  'already_running',
  'pages_not_applied',
  'database_unavailable',
  'paging_stuck',
  'unknown',
] as const;
export const syncErrorKindSchema = z.enum(syncErrorKinds);
export type SyncErrorKind = z.infer<typeof syncErrorKindSchema>;

export const syncErrorAdviceSchema = z.object({
  kind: syncErrorKindSchema,
  /** What happened, in words a clerk understands. */
  fa: z.string(),
  en: z.string(),
  /** What to do about it. */
  hintFa: z.string(),
  hintEn: z.string(),
  /** Mahak's own words when it gave any (Persian, verbatim), else the technical message. */
  detail: z.string().nullable(),
});
export type SyncErrorAdvice = z.infer<typeof syncErrorAdviceSchema>;

// ---- live progress of a run ----

export const syncScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('entity'), entity: syncEntitySchema }),
]);
export type SyncScope = z.infer<typeof syncScopeSchema>;

export const syncPhaseSchema = z.enum(['starting', 'fetching', 'applying', 'pictures', 'done', 'failed']);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

export const entityProgressSchema = z.object({
  entity: syncEntitySchema,
  /** Records read from Mahak (valid ones, on the queue). */
  read: z.number().int().nonnegative(),
  /** Records of the applied pages. */
  applied: z.number().int().nonnegative(),
  /** Rows that were newer than ours (inserted or updated). */
  changed: z.number().int().nonnegative(),
  pagesRead: z.number().int().nonnegative(),
  pagesApplied: z.number().int().nonnegative(),
  /** Records Mahak sent that failed validation (dead letters). */
  quarantined: z.number().int().nonnegative(),
});
export type EntityProgress = z.infer<typeof entityProgressSchema>;

export const runProgressSchema = z.object({
  runId: z.string(),
  scope: syncScopeSchema,
  phase: syncPhaseSchema,
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  /** Entities touched so far, in pull order. */
  entities: z.array(entityProgressSchema),
  totals: z.object({
    read: z.number().int().nonnegative(),
    applied: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    pagesRead: z.number().int().nonnegative(),
    pagesApplied: z.number().int().nonnegative(),
  }),
  /** Records applied per second since the start. */
  ratePerSecond: z.number().nonnegative(),
  /** 0..1 of the pages read so far that are applied; 1 when done. */
  fraction: z.number().min(0).max(1),
  pictures: z
    .object({ downloaded: z.number().int(), failed: z.number().int(), done: z.boolean() })
    .nullable(),
  error: syncErrorAdviceSchema.nullable(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/** GET /admin/api/sync/current */
export const currentRunSchema = z.object({ run: runProgressSchema.nullable() });
export type CurrentRun = z.infer<typeof currentRunSchema>;

/**
 * GET /admin/api/sync/events (text/event-stream). `snapshot` first (the run going on, or null), then
 * `progress` deltas (only the entities that moved), then `finished` with the final state.
 */
export const syncStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), run: runProgressSchema.nullable() }),
  z.object({
    type: z.literal('progress'),
    runId: z.string(),
    phase: syncPhaseSchema,
    entities: z.array(entityProgressSchema),
    totals: runProgressSchema.shape.totals,
    ratePerSecond: z.number().nonnegative(),
    fraction: z.number().min(0).max(1),
    pictures: runProgressSchema.shape.pictures,
  }),
  z.object({ type: z.literal('finished'), run: runProgressSchema }),
]);
export type SyncStreamEvent = z.infer<typeof syncStreamEventSchema>;

// ---- sync now ----

/** POST /admin/api/sync/start: the whole pull, or one entity. */
export const syncStartRequestSchema = z
  .object({ entity: syncEntitySchema.optional() })
  .strict()
  .nullish()
  .transform((v) => v ?? {});
export type SyncStartRequest = z.infer<typeof syncStartRequestSchema>;

export const syncStartSchema = z.object({
  runId: z.string(),
  /** true: a run was already going and this click joined it (its scope may be wider or narrower). */
  joined: z.boolean(),
  run: runProgressSchema,
});
export type SyncStart = z.infer<typeof syncStartSchema>;

/** POST /admin/api/sync/record: fetch one record by its Mahak id and apply it (monotonic upsert). */
export const syncRecordRequestSchema = z
  .object({ entity: syncEntitySchema, id: z.number().int().positive().max(2_147_483_647) })
  .strict();
export type SyncRecordRequest = z.infer<typeof syncRecordRequestSchema>;

export const syncRecordResultSchema = z.object({
  runId: z.string(),
  entity: syncEntitySchema,
  id: z.number().int(),
  /** found: Mahak has it (applied: whether it was newer than ours); missing: Mahak does not return it. */
  outcome: z.enum(['applied', 'unchanged', 'missing']),
  rowVersion: z.number().int().nullable(),
  deleted: z.boolean(),
  label: z.string().nullable(),
});
export type SyncRecordResult = z.infer<typeof syncRecordResultSchema>;

// ---- preview (dry run) ----

/** An empty body (or none) previews every entity. */
export const previewRequestSchema = z
  .object({ entities: z.array(syncEntitySchema).min(1).max(syncEntityNames.length).optional() })
  .strict()
  .nullish()
  .transform((v) => v ?? {});
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

export const previewSampleSchema = z.object({
  id: z.number().int(),
  label: z.string().nullable(),
  /** For updates: the Mahak fields whose value differs from ours. */
  fields: z.array(z.string()),
});
export type PreviewSample = z.infer<typeof previewSampleSchema>;

export const previewEntitySchema = z.object({
  entity: syncEntitySchema,
  read: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unpublished: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Records that would be quarantined as dead letters. */
  invalid: z.number().int().nonnegative(),
  samples: z.object({
    created: z.array(previewSampleSchema),
    updated: z.array(previewSampleSchema),
    unpublished: z.array(previewSampleSchema),
  }),
});
export type PreviewEntity = z.infer<typeof previewEntitySchema>;

export const previewResultSchema = z.object({
  startedAt: isoTime,
  finishedAt: isoTime,
  /** Whether nothing was ever pulled (the preview then shows the whole catalogue as new). */
  firstSync: z.boolean(),
  entities: z.array(previewEntitySchema),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

// ---- status ----

export const entityStateSchema = z.enum(['synced', 'syncing', 'pending', 'needs_action']);
export type EntityState = z.infer<typeof entityStateSchema>;

export const entityStatusSchema = z.object({
  entity: syncEntitySchema,
  state: entityStateSchema,
  /** Highest Mahak RowVersion applied (null: never pulled). */
  checkpoint: z.number().int().nullable(),
  checkpointAt: isoTime.nullable(),
  /** When a pull covering this entity last succeeded, and how many seconds ago. */
  lastPullAt: isoTime.nullable(),
  lagSeconds: z.number().int().nullable(),
  rows: z.number().int().nonnegative(),
  /** Rows Mahak marked deleted (unpublished in the store). */
  deletedRows: z.number().int().nonnegative(),
  /** Quarantined records of this entity waiting in the dead letters. */
  deadLetters: z.number().int().nonnegative(),
  /** Mahak holds rows above our checkpoint (null: not asked, or could not ask). */
  mahakHasNewer: z.boolean().nullable(),
});
export type EntityStatus = z.infer<typeof entityStatusSchema>;

export const runBriefSchema = z.object({
  id: z.string(),
  kind: z.enum(['pull', 'push', 'drift']),
  status: z.enum(['running', 'ok', 'failed']),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  error: syncErrorAdviceSchema.nullable(),
});
export type RunBrief = z.infer<typeof runBriefSchema>;

export const syncStatusQuerySchema = z.object({
  /** Ask Mahak (one small GetAllData) whether it holds newer rows; cached for a short while. */
  probe: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/**
 * Pushing stopped before anything was leased because a Mahak choice is missing or ambiguous
 * (core/push/push-choices.ts): one message for the shop, the key to fix and where — `settings`: the
 * desk's settings page; `config`: the server's configuration (the env var names it).
 */
export const pushPauseSchema = z.object({
  key: z.string(),
  env: z.string(),
  problem: z.string(),
  since: isoTime,
  where: z.enum(['settings', 'config']),
  /**
   * What waits: every push ('all'), or only paid online orders ('paid_online': no bank for their
   * cheque; cash-on-delivery orders and new customers still go). The desk titles its banner by it.
   */
  holds: z.enum(['all', 'paid_online']),
  /** What is wrong and what waits meanwhile, under the banner's title (which it does not repeat). */
  fa: z.string(),
  en: z.string(),
});
export type PushPause = z.infer<typeof pushPauseSchema>;

export const syncStatusSchema = z.object({
  now: isoTime,
  /** The overall state: the worst of the entities'. */
  state: entityStateSchema,
  firstSync: z.boolean(),
  pull: z.object({
    lastRun: runBriefSchema.nullable(),
    lastSuccessAt: isoTime.nullable(),
    /** Seconds since the last successful pull finished (null: never). */
    lagSeconds: z.number().int().nullable(),
    /** The last failure when no pull has succeeded since; what the dashboard shows in red. */
    lastError: syncErrorAdviceSchema.nullable(),
    schedule: z.string(),
  }),
  mahak: z.object({
    probedAt: isoTime.nullable(),
    /** Why asking Mahak failed (wrong password, unreachable...), when it did. */
    error: syncErrorAdviceSchema.nullable(),
  }),
  entities: z.array(entityStatusSchema),
  push: z.object({
    outbox: z.object({
      held: z.number().int(),
      ready: z.number().int(),
      sent: z.number().int(),
      disputed: z.number().int(),
      dead: z.number().int(),
      cancelled: z.number().int(),
    }),
    openDisputes: z.number().int(),
    deadLetters: z.number().int(),
    lastRun: runBriefSchema.nullable(),
    /** null while pushing runs. */
    paused: pushPauseSchema.nullable(),
  }),
  storefront: z.object({
    /**
     * The configured sell price level is not one Mahak names (any more): prices would be wrong
     * (core/settings/price-level-check.ts). null: fine, or nothing pulled yet to tell.
     */
    priceLevelProblem: z
      .object({ level: z.number().int(), named: z.array(z.number().int()), fa: z.string(), en: z.string() })
      .nullable(),
  }),
  current: runProgressSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

// ---- run history ----

export const runLogLineSchema = z.object({
  at: isoTime,
  level: z.enum(['info', 'warn', 'error']),
  /** A stable key the desk translates (i18n `runs.log.<event>`), with its values in `data`. */
  event: z.string(),
  entity: syncEntitySchema.nullable(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type RunLogLine = z.infer<typeof runLogLineSchema>;

export const runSummarySchema = runBriefSchema.extend({
  scope: z.string(),
  durationMs: z.number().int().nullable(),
  read: z.number().int(),
  changed: z.number().int(),
  quarantined: z.number().int(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runHistoryQuerySchema = z.object({
  kind: z.enum(['pull', 'push', 'drift']).optional(),
  status: z.enum(['running', 'ok', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunHistoryQuery = z.infer<typeof runHistoryQuerySchema>;

export const runHistorySchema = z.object({ items: z.array(runSummarySchema) });
export type RunHistory = z.infer<typeof runHistorySchema>;

export const runIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const runDetailSchema = z.object({
  run: runSummarySchema,
  entities: z.array(entityProgressSchema),
  /** The run's raw stats as the engine recorded them. */
  stats: z.record(z.string(), z.unknown()),
  log: z.array(runLogLineSchema),
  /** True when more lines happened than were kept. */
  logTruncated: z.boolean(),
});
export type RunDetail = z.infer<typeof runDetailSchema>;
