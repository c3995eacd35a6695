import { toStaffDto } from '../../accounts/account-dto.js';
import {
  refreshRequestSchema,
  staffCreateSchema,
  staffListSchema,
  staffLoginSchema,
  staffSchema,
  tokenPairSchema,
} from '../../contracts/accounts.js';
import type { StaffDto, StaffList, TokenPair } from '../../contracts/accounts.js';
import { HamgamError } from '../../errors.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import {
  accountsOf,
  authRateLimit,
  limitAccountBodies,
  noContent,
  refreshRateLimit,
  tokenPair,
} from '../auth-support.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/**
 * Admin API sign-in and staff management under /admin/api. Roles: 'owner' manages staff; 'staff' runs
 * the daily work (outbox, disputes). The first owner comes from `hamgam staff-add --role owner`, or,
 * in demo mode, admin/admin1234 created at start.
 */
export const adminAuthRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const accounts = accountsOf(deps);
  limitAccountBodies(fastify);
  const tags = ['admin'];
  const errors = { 401: errorBody, 403: errorBody, ...commonErrors };
  const owner = requireStaff('owner');

  app.post(
    '/admin/api/auth/login',
    {
      config: { rateLimit: authRateLimit(deps) },
      schema: {
        tags,
        description: `Too many failures for one username lock it for a while (429 AUTH_LOCKED with retryAfterSeconds and Retry-After).`,
        body: staffLoginSchema,
        response: { 200: tokenPairSchema, ...errors },
      },
    },
    async (request): Promise<TokenPair> => {
      const { session } = await accounts.loginStaff(request.body.username, request.body.password);
      return tokenPair(fastify, session);
    },
  );

  app.post(
    '/admin/api/auth/refresh',
    {
      config: { rateLimit: refreshRateLimit(deps) },
      schema: { tags, body: refreshRequestSchema, response: { 200: tokenPairSchema, ...errors } },
    },
    async (request): Promise<TokenPair> =>
      tokenPair(fastify, await accounts.sessions.rotate(request.body.refreshToken, 'staff')),
  );

  app.post(
    '/admin/api/auth/logout',
    {
      config: { rateLimit: refreshRateLimit(deps) },
      schema: { tags, body: refreshRequestSchema, response: { 204: noContent, ...commonErrors } },
    },
    async (request, reply) => {
      await accounts.sessions.revoke(request.body.refreshToken, 'staff');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/api/me',
    { onRequest: requireStaff(), schema: { tags, response: { 200: staffSchema, ...errors } } },
    async (request): Promise<StaffDto> => {
      const staff = await accounts.staff.get(staffOf(request).id);
      if (!staff)
        throw new HamgamError('AUTH_TOKEN_INVALID', 'The account no longer exists', { reason: 'gone' });
      return toStaffDto(staff);
    },
  );

  app.get(
    '/admin/api/staff',
    { onRequest: owner, schema: { tags, response: { 200: staffListSchema, ...errors } } },
    async (): Promise<StaffList> => ({ items: (await accounts.staff.list()).map(toStaffDto) }),
  );

  app.post(
    '/admin/api/staff',
    {
      onRequest: owner,
      schema: { tags, body: staffCreateSchema, response: { 201: staffSchema, 409: errorBody, ...errors } },
    },
    async (request, reply): Promise<StaffDto> => {
      const staff = await accounts.staffAdmin.create(request.body, staffOf(request));
      request.log.info(
        { staffId: staff.id, username: staff.username, role: staff.role, by: staffOf(request).id },
        'staff account created',
      );
      reply.code(201);
      return toStaffDto(staff);
    },
  );
};
