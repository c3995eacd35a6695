import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance } from 'fastify';
import { AccountsService } from '../accounts/accounts-service.js';
import type { ApiDeps, ApiRoutePlugin } from './api-deps.js';
import type { AccessClaims } from './auth-guards.js';
import { accessTokenTtlSeconds } from './auth-support.js';
import { adminAuthRoutes } from './routes/admin-auth-routes.js';
import { adminStaffRoutes } from './routes/admin-staff-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { meRoutes } from './routes/me-routes.js';

export { requireCustomer, requireStaff, customerIdOf, staffOf, type AccessClaims } from './auth-guards.js';

/** Customer sign-in, the customer's own account, staff sign-in and staff management. */
export const accountRoutes: ApiRoutePlugin[] = [authRoutes, meRoutes, adminAuthRoutes, adminStaffRoutes];

/**
 * Makes JWT auth available to every route plugin: initialises the accounts service (the composition
 * root's, or one built on the storage with the console SMS driver) and registers @fastify/jwt on the
 * ROOT instance, so `request.jwtVerify` — and with it requireCustomer / requireStaff — works in every
 * encapsulated route scope. Returns the deps the route plugins get, with `accounts` set.
 */
export async function installAuth(app: FastifyInstance, deps: ApiDeps): Promise<ApiDeps> {
  const accounts =
    deps.accounts ?? new AccountsService({ db: deps.storage.db, config: deps.config, logger: deps.logger });
  await accounts.init();
  await app.register(fastifyJwt, {
    secret: accounts.jwtSecret,
    // Seconds: @fastify/jwt converts a number to fast-jwt's milliseconds itself.
    sign: { algorithm: 'HS256', expiresIn: accessTokenTtlSeconds },
    // Pinning the algorithm keeps a token signed any other way (alg: none, RS/HS confusion) out.
    verify: { algorithms: ['HS256'] },
  });
  app.decorate('sessionActive', (claims: AccessClaims) =>
    accounts.sessions.isActive(claims.sid, claims.typ, claims.sub),
  );
  return { ...deps, accounts };
}
