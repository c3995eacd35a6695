import {
  currentRunSchema,
  previewRequestSchema,
  previewResultSchema,
  runDetailSchema,
  runHistoryQuerySchema,
  runHistorySchema,
  runIdParamsSchema,
  syncRecordRequestSchema,
  syncRecordResultSchema,
  syncStartRequestSchema,
  syncStartSchema,
  syncStatusQuerySchema,
  syncStatusSchema,
  type CurrentRun,
  type PreviewResult,
  type RunDetail,
  type RunHistory,
  type SyncRecordResult,
  type SyncStart,
  type SyncStatus,
} from '../../contracts/admin-sync.js';
import { adviseSyncError } from '../../domain/sync-error-advice.js';
import { HamgamError, isHamgamError } from '../../errors.js';
import type { Storage } from '../../store/storage.js';
import type { SyncDesk } from '../../sync/sync-desk.js';
import { getRunRow, listRunRows, runDetailOf, runSummaryOf } from '../../sync/sync-run-rows.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff } from '../auth-guards.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { adminErrors } from './admin-dispute-routes.js';
import { pushSummary } from './admin-sync-push-summary.js';
import { priceLevelProblem } from '../../settings/price-level-check.js';
import { syncEventsRoute } from './admin-sync-events-route.js';

/** What the desk's sync routes need; built by the composition root (core/create-app.ts). */
export interface AdminSyncDeskServices {
  storage: Storage;
  desk: SyncDesk;
  /** The live config's sell price level (a desk setting), checked against Mahak's levels. */
  sellPriceLevel: () => number;
}

const errors = { ...adminErrors, 502: adminErrors[500], 503: adminErrors[500] };

/**
 * The desk's status screen, "sync now" (whole pull, one entity, one record), the dry-run preview, the
 * run history, and the live progress stream (admin-sync-events-route.ts). Staff sign-in required.
 */
export function adminSyncDeskRoutes(services: AdminSyncDeskServices): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const { desk, storage } = services;
    app.addHook('onRequest', requireStaff());

    app.get(
      '/admin/api/sync/status',
      {
        schema: { tags, querystring: syncStatusQuerySchema, response: { 200: syncStatusSchema, ...errors } },
      },
      async (request): Promise<SyncStatus> => {
        const [pull, push, priceLevel] = await Promise.all([
          desk.status({ probe: request.query.probe }),
          pushSummary(storage.db),
          priceLevelProblem(storage.db, services.sellPriceLevel()),
        ]);
        return { ...pull, push, storefront: { priceLevelProblem: priceLevel ?? null } };
      },
    );

    app.get(
      '/admin/api/sync/current',
      { schema: { tags, response: { 200: currentRunSchema, ...errors } } },
      async (): Promise<CurrentRun> => ({ run: desk.tracker.snapshot() }),
    );

    app.post(
      '/admin/api/sync/start',
      { schema: { tags, body: syncStartRequestSchema, response: { 200: syncStartSchema, ...errors } } },
      async (request): Promise<SyncStart> => explained(() => desk.start(request.body.entity)),
    );

    app.post(
      '/admin/api/sync/record',
      {
        schema: { tags, body: syncRecordRequestSchema, response: { 200: syncRecordResultSchema, ...errors } },
      },
      async (request): Promise<SyncRecordResult> =>
        explained(() => desk.record(request.body.entity, request.body.id)),
    );

    app.post(
      '/admin/api/sync/preview',
      { schema: { tags, body: previewRequestSchema, response: { 200: previewResultSchema, ...errors } } },
      async (request): Promise<PreviewResult> => explained(() => desk.preview(request.body.entities)),
    );

    app.get(
      '/admin/api/sync/history',
      {
        schema: { tags, querystring: runHistoryQuerySchema, response: { 200: runHistorySchema, ...errors } },
      },
      async (request): Promise<RunHistory> => ({
        items: (await listRunRows(storage.db, request.query)).map(runSummaryOf),
      }),
    );

    app.get(
      '/admin/api/sync/runs/:id',
      { schema: { tags, params: runIdParamsSchema, response: { 200: runDetailSchema, ...errors } } },
      async (request): Promise<RunDetail> => {
        const row = await getRunRow(storage.db, request.params.id);
        if (!row) throw new HamgamError('NOT_FOUND', `No sync run ${request.params.id}`);
        const detail = runDetailOf(row);
        // A run still going has no final journal yet: show its live counts.
        const live = desk.tracker.running;
        return live?.runId === row.id ? { ...detail, entities: live.entities } : detail;
      },
    );

    await fastify.register(syncEventsRoute(desk));
  };
}

/** A failure the clerk can act on carries its explanation (`details.advice`) beside the error code. */
async function explained<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    if (!isHamgamError(e) || e.code === 'VALIDATION_FAILED') throw e;
    const advice = adviseSyncError({ code: e.code, message: e.message, details: e.details });
    const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
    throw new HamgamError(e.code, e.message, { ...details, advice }, { cause: e });
  }
}
