import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { staffRoleSchema, type StaffRole } from '../contracts/accounts.js';
import { HamgamError } from '../errors.js';

/**
 * Access-token claims. `typ` tells a customer's token from a clerk's: the same secret signs both, and a
 * route accepts only the kind it names. Staff tokens carry the role so admin routes need no lookup.
 * `sid` is the session (refresh-token family): a token of a signed-out or revoked session is refused.
 */
export type AccessClaims =
  { sub: string; sid: string; typ: 'customer' } | { sub: string; sid: string; typ: 'staff'; role: StaffRole };

const sid = z.string().min(1).max(64);
const claimsSchema = z.discriminatedUnion('typ', [
  z.object({ sub: z.string().min(1), sid, typ: z.literal('customer') }),
  z.object({ sub: z.string().min(1), sid, typ: z.literal('staff'), role: staffRoleSchema }),
]);

/** Whether the token's session is still signed in; installAuth decorates the root instance with it. */
export type SessionCheck = (claims: AccessClaims) => Promise<boolean>;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionActive: SessionCheck;
  }
}

/**
 * Guards for route plugins. Use them as the route's (or the plugin scope's) `onRequest` hook, so an
 * unauthenticated request is turned away before its body is read or validated:
 *
 *     app.post('/api/v1/orders', { onRequest: requireCustomer, schema }, async (request) => {
 *       const customerId = customerIdOf(request);
 *     });
 *     fastify.addHook('onRequest', requireStaff());         // every route of an admin plugin
 *     app.post('/admin/api/x', { onRequest: requireStaff('owner') }, ...);
 *
 * No Authorization header -> 401 UNAUTHORIZED; a bad, forged or expired token -> 401 AUTH_TOKEN_INVALID
 * (details.reason 'expired' tells the client to refresh, 'session' that the session was signed out or
 * revoked, so refreshing will not help); the wrong kind of token or too low a role ->
 * 403 FORBIDDEN.
 */
export const requireCustomer: onRequestAsyncHookHandler = async (request) => {
  const claims = await verifyAccess(request);
  if (claims.typ !== 'customer') throw new HamgamError('FORBIDDEN', 'This needs a customer sign-in');
};

/** Any clerk; with 'owner', owners only. */
export function requireStaff(role?: StaffRole): onRequestAsyncHookHandler {
  return async (request) => {
    const claims = await verifyAccess(request);
    if (claims.typ !== 'staff') throw new HamgamError('FORBIDDEN', 'This needs a staff sign-in');
    if (role === 'owner' && claims.role !== 'owner') {
      throw new HamgamError('FORBIDDEN', 'Only the shop owner may do this', { requiredRole: 'owner' });
    }
  };
}

/** The signed-in customer's id; only after requireCustomer ran for the route. */
export function customerIdOf(request: FastifyRequest): string {
  const user = request.user as AccessClaims | null;
  if (!user || user.typ !== 'customer') throw new HamgamError('UNAUTHORIZED');
  return user.sub;
}

/** The signed-in clerk; only after requireStaff ran for the route. */
export function staffOf(request: FastifyRequest): { id: string; role: StaffRole } {
  const user = request.user as AccessClaims | null;
  if (!user || user.typ !== 'staff') throw new HamgamError('UNAUTHORIZED');
  return { id: user.sub, role: user.role };
}

async function verifyAccess(request: FastifyRequest): Promise<AccessClaims> {
  if (!request.headers.authorization) throw new HamgamError('UNAUTHORIZED');
  let decoded: unknown;
  try {
    decoded = await request.jwtVerify();
  } catch (e) {
    const expired = (e as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
    throw new HamgamError(
      'AUTH_TOKEN_INVALID',
      expired ? 'The access token has expired' : 'The access token is not valid',
      {
        reason: expired ? 'expired' : 'invalid',
      },
    );
  }
  const claims = claimsSchema.safeParse(decoded);
  if (!claims.success)
    throw new HamgamError('AUTH_TOKEN_INVALID', 'The access token is not valid', { reason: 'claims' });
  if (!(await request.server.sessionActive(claims.data)))
    throw new HamgamError('AUTH_TOKEN_INVALID', 'The session has ended', { reason: 'session' });
  request.user = claims.data;
  return claims.data;
}
