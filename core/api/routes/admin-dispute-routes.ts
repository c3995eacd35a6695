import {
  disputeDetailSchema,
  disputeListQuerySchema,
  disputeListSchema,
  idParamsSchema,
  resolveDisputeRequestSchema,
  type DisputeDetail,
  type DisputeList,
} from '../../contracts/admin.js';
import {
  disputeWorkbenchParamsSchema,
  disputeWorkbenchQuerySchema,
  disputeWorkbenchSchema,
  type DisputeWorkbench,
} from '../../contracts/admin-disputes.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import type { AdminPushServices } from './admin-services.js';

export const adminErrors = {
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  ...commonErrors,
} as const;

/** The dispute workbench: both sides of each dispute, and one-click resolutions (owner or staff; audited). */
export function adminDisputeRoutes(services: AdminPushServices): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    app.addHook('onRequest', requireStaff());

    app.get(
      '/admin/api/disputes',
      {
        schema: {
          tags,
          querystring: disputeListQuerySchema,
          response: { 200: disputeListSchema, ...adminErrors },
        },
      },
      async (request): Promise<DisputeList> => ({ items: await services.disputes.list(request.query) }),
    );

    app.get(
      '/admin/api/disputes/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: disputeDetailSchema, ...adminErrors } } },
      async (request): Promise<DisputeDetail> => services.disputes.get(request.params.id),
    );

    app.get(
      '/admin/api/disputes/:id/workbench',
      {
        schema: {
          tags,
          params: disputeWorkbenchParamsSchema,
          querystring: disputeWorkbenchQuerySchema,
          response: { 200: disputeWorkbenchSchema, ...adminErrors },
        },
      },
      async (request): Promise<DisputeWorkbench> =>
        services.disputes.workbench(request.params.id, request.query),
    );

    app.post(
      '/admin/api/disputes/:id/resolve',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: resolveDisputeRequestSchema,
          response: { 200: disputeDetailSchema, ...adminErrors },
        },
      },
      async (request): Promise<DisputeDetail> =>
        services.disputes.resolve(request.params.id, request.body, staffOf(request)),
    );
  };
}
