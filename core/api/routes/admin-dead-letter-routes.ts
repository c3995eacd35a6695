import { z } from 'zod';
import {
  deadLetterIdParamsSchema,
  deadLetterListQuerySchema,
  deadLetterListSchema,
  deadLetterRetryAllRequestSchema,
  deadLetterRetryAllSchema,
  deadLetterRetrySchema,
  deadLetterSchema,
  type DeadLetterList,
  type DeadLetterRetry,
  type DeadLetterRetryAll,
  type DeadLetterView,
} from '../../contracts/admin-dead-letters.js';
import { outboxQuerySchema, outboxSummarySchema, type OutboxSummary } from '../../contracts/admin.js';
import { outboxSummary } from '../../push/outbox-query.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { adminErrors } from './admin-dispute-routes.js';
import type { AdminPushServices } from './admin-services.js';

/** The outbox at a glance, and the dead letters with retry / discard / retry-all (invariant 6; audited). */
export function adminDeadLetterRoutes(services: AdminPushServices): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    app.addHook('onRequest', requireStaff());

    app.get(
      '/admin/api/outbox',
      {
        schema: {
          tags,
          querystring: outboxQuerySchema,
          response: { 200: outboxSummarySchema, ...adminErrors },
        },
      },
      async (request): Promise<OutboxSummary> => outboxSummary(services.storage.db, request.query),
    );

    app.get(
      '/admin/api/dead-letters',
      {
        schema: {
          tags,
          querystring: deadLetterListQuerySchema,
          response: { 200: deadLetterListSchema, ...adminErrors },
        },
      },
      async (request): Promise<DeadLetterList> => services.deadLetters.list(request.query),
    );

    app.get(
      '/admin/api/dead-letters/:id',
      {
        schema: {
          tags,
          params: deadLetterIdParamsSchema,
          response: { 200: deadLetterSchema, ...adminErrors },
        },
      },
      async (request): Promise<DeadLetterView> => services.deadLetters.get(request.params.id),
    );

    app.post(
      '/admin/api/dead-letters/:id/retry',
      {
        schema: {
          tags,
          params: deadLetterIdParamsSchema,
          response: { 200: deadLetterRetrySchema, ...adminErrors },
        },
      },
      async (request): Promise<DeadLetterRetry> =>
        services.deadLetters.retry(request.params.id, staffOf(request)),
    );

    // An empty JSON object (or no body at all) means every retryable letter.
    app.post(
      '/admin/api/dead-letters/retry-all',
      {
        // No body means "every letter"; an explicit JSON null is a malformed body and is refused by the
        // schema, so a broken client cannot retry everything by accident.
        preValidation: async (request) => {
          if (request.body === undefined) request.body = {};
        },
        schema: {
          tags,
          body: deadLetterRetryAllRequestSchema,
          response: { 200: deadLetterRetryAllSchema, ...adminErrors },
        },
      },
      async (request): Promise<DeadLetterRetryAll> =>
        services.deadLetters.retryAll(request.body, staffOf(request)),
    );

    app.delete(
      '/admin/api/dead-letters/:id',
      { schema: { tags, params: deadLetterIdParamsSchema, response: { 204: z.null(), ...adminErrors } } },
      async (request, reply) => {
        await services.deadLetters.discard(request.params.id, staffOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
