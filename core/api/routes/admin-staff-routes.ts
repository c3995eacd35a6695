import { toStaffDto } from '../../accounts/account-dto.js';
import { staffSchema, tokenPairSchema, type StaffDto, type TokenPair } from '../../contracts/accounts.js';
import {
  ownPasswordChangeSchema,
  staffIdParamsSchema,
  staffPasswordResetSchema,
  staffUpdateSchema,
} from '../../contracts/admin-users.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import { accountsOf, authRateLimit, limitAccountBodies, tokenPair } from '../auth-support.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/**
 * Staff management beyond list / create (admin-auth-routes.ts): role, disable / enable and password
 * reset are the owner's; changing one's own password needs the current one. Every change is audited.
 */
export const adminStaffRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const accounts = accountsOf(deps);
  limitAccountBodies(fastify);
  const tags = ['admin'];
  const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...commonErrors };
  const owner = requireStaff('owner');

  app.patch(
    '/admin/api/staff/:id',
    {
      onRequest: owner,
      schema: {
        tags,
        params: staffIdParamsSchema,
        body: staffUpdateSchema,
        response: { 200: staffSchema, ...errors },
      },
    },
    async (request): Promise<StaffDto> =>
      toStaffDto(await accounts.staffAdmin.update(request.params.id, request.body, staffOf(request))),
  );

  app.post(
    '/admin/api/staff/:id/password',
    {
      onRequest: owner,
      schema: {
        tags,
        params: staffIdParamsSchema,
        body: staffPasswordResetSchema,
        response: { 200: staffSchema, ...errors },
      },
    },
    async (request): Promise<StaffDto> =>
      toStaffDto(
        await accounts.staffAdmin.resetPassword(request.params.id, request.body.password, staffOf(request)),
      ),
  );

  app.post(
    '/admin/api/me/password',
    {
      onRequest: requireStaff(),
      // Guessing the current password through this route is as limited as guessing it at sign-in.
      config: { rateLimit: authRateLimit(deps) },
      schema: { tags, body: ownPasswordChangeSchema, response: { 200: tokenPairSchema, ...errors } },
    },
    async (request): Promise<TokenPair> => {
      const { currentPassword, newPassword } = request.body;
      const session = await accounts.staffAdmin.changeOwnPassword(
        staffOf(request).id,
        currentPassword,
        newPassword,
      );
      return tokenPair(fastify, session);
    },
  );
};
