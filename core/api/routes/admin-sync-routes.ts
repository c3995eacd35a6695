import { z } from 'zod';
import {
  syncRunListQuerySchema,
  syncRunListSchema,
  syncTriggerSchema,
  type SyncRunList,
  type SyncRunView,
  type SyncTrigger,
} from '../../contracts/admin.js';
import { listAudit } from '../../push/audit-repo.js';
import type { SyncRunRecord } from '../../store/storage.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff } from '../auth-guards.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { adminErrors } from './admin-dispute-routes.js';
import type { AdminPushServices } from './admin-services.js';

const auditQuerySchema = z.object({
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const auditListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      actor: z.string(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      at: z.string(),
    }),
  ),
});

/** "Sync now" buttons, the run history and the audit log. */
export function adminSyncRoutes(services: AdminPushServices): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    app.addHook('onRequest', requireStaff());
    const trigger = (run: SyncRunRecord | undefined): SyncTrigger => ({
      outcome: run ? 'ran' : 'idle',
      run: run ? toRunView(run) : null,
    });

    app.post(
      '/admin/api/sync/pull',
      { schema: { tags, response: { 200: syncTriggerSchema, ...adminErrors } } },
      async (): Promise<SyncTrigger> => trigger(await services.pull.pullNow({ waitForLockMs: 2_000 })),
    );

    app.post(
      '/admin/api/sync/push',
      { schema: { tags, response: { 200: syncTriggerSchema, ...adminErrors } } },
      async (): Promise<SyncTrigger> => trigger(await services.push.runNow()),
    );

    app.post(
      '/admin/api/sync/drift',
      { schema: { tags, response: { 200: syncTriggerSchema, ...adminErrors } } },
      async (): Promise<SyncTrigger> => trigger(await services.drift?.runNow()),
    );

    app.get(
      '/admin/api/sync/runs',
      {
        schema: {
          tags,
          querystring: syncRunListQuerySchema,
          response: { 200: syncRunListSchema, ...adminErrors },
        },
      },
      async (request): Promise<SyncRunList> => ({
        items: (await services.storage.listRuns(request.query.limit)).map(toRunView),
      }),
    );

    app.get(
      '/admin/api/audit',
      { schema: { tags, querystring: auditQuerySchema, response: { 200: auditListSchema, ...adminErrors } } },
      async (request) => ({
        items: (await listAudit(services.storage.db, request.query)).map((e) => ({
          ...e,
          at: new Date(e.at).toISOString(),
        })),
      }),
    );
  };
}

function toRunView(r: SyncRunRecord): SyncRunView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: r.finishedAt === undefined ? null : new Date(r.finishedAt).toISOString(),
    stats: r.stats,
    error: r.error ?? null,
  };
}
