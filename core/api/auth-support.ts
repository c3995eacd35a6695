import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Session } from '../accounts/account-records.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { TokenPair } from '../contracts/accounts.js';
import type { ApiDeps } from './api-deps.js';
import type { AccessClaims } from './auth-guards.js';

/** Access tokens are short: a stolen one is good for minutes; the refresh token (rotated) carries the session. */
export const accessTokenTtlSeconds = 15 * 60;

/**
 * Body limit of the account routes: their JSON is a few hundred bytes (an address is the largest), so
 * anything past this is refused with 413 before it is parsed, far below the server-wide 256 KiB.
 */
export const accountBodyLimit = 8 * 1024;

/** Gives every route of the calling plugin scope the account body limit (unless it sets its own). */
export function limitAccountBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= accountBodyLimit;
  });
}

/** The accounts service installAuth put in the deps; a route plugin registered without it is a wiring bug. */
export function accountsOf(deps: ApiDeps): AccountsService {
  if (!deps.accounts)
    throw new Error('ApiDeps.accounts is missing: routes must be registered through createServer');
  return deps.accounts;
}

/**
 * Per-route @fastify/rate-limit options of the sign-in routes (login, register, OTP): per client address,
 * far below the global limit (HAMGAM_AUTH_RATE_PER_MINUTE, default 10). Ignored when the global limiter
 * is off (rateLimitPerMinute: false). Per-account limits are core/accounts/login-throttle.ts.
 */
export function authRateLimit(deps: ApiDeps) {
  return { max: deps.authRatePerMinute ?? deps.config.authRatePerMinute, timeWindow: 60_000 };
}

/**
 * Refresh and logout: routine (every 15 minutes per open tab) but each one a database write, so limited
 * per client address too (HAMGAM_REFRESH_RATE_PER_MINUTE, default 60; with deps.authRatePerMinute set,
 * six times it, as tests expect).
 */
export function refreshRateLimit(deps: ApiDeps) {
  const max = deps.authRatePerMinute ? deps.authRatePerMinute * 6 : deps.config.refreshRatePerMinute;
  return { max, timeWindow: 60_000 };
}

export function claimsOf(session: Session): AccessClaims {
  const p = session.principal;
  return p.type === 'customer'
    ? { sub: p.id, sid: session.id, typ: 'customer' }
    : { sub: p.id, sid: session.id, typ: 'staff', role: p.role };
}

/** The answer of every sign-in and refresh: a fresh access JWT and the session's new refresh token. */
export function tokenPair(app: FastifyInstance, session: Session): TokenPair {
  return {
    accessToken: app.jwt.sign(claimsOf(session)),
    refreshToken: session.refreshToken,
    tokenType: 'Bearer',
    expiresIn: accessTokenTtlSeconds,
  };
}

/** Response schema of a 204 (logout, delete): fastify sends no body for it. */
export const noContent = z.null().describe('No content');
