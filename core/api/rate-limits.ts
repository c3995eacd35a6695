import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HamgamError } from '../errors.js';
import type { ApiDeps } from './api-deps.js';

/**
 * Request limits fit for a headless storefront (issue 9). The shop's website server calls the catalogue
 * for all its visitors from one address, so catalogue reads are not limited unless
 * HAMGAM_CATALOGUE_RATE_PER_MINUTE says so (they are cached and cheap: catalogue-cache.ts). Every other
 * API route keeps a per-address limit (HAMGAM_RATE_LIMIT_PER_MINUTE, 0 = none), and sign-in, OTP, refresh,
 * cart writes and checkout keep their own, lower per-route limits whatever the global one is. Behind a
 * reverse proxy HAMGAM_TRUST_PROXY makes the address the real client's (X-Forwarded-For).
 */
export async function registerRateLimit(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  // Tests pass false to run without any limiter.
  if (deps.rateLimitPerMinute === false) return;
  const perMinute = deps.rateLimitPerMinute ?? deps.config.rateLimitPerMinute;
  await app.register(rateLimit, {
    // Off globally (0): only the routes with their own limit are limited.
    global: perMinute > 0,
    max: perMinute > 0 ? perMinute : 1,
    timeWindow: 60_000,
    // Thrown as our own error so the one error handler answers with the RATE_LIMITED ErrorBody.
    errorResponseBuilder: (_request, context) =>
      new HamgamError('RATE_LIMITED', `Rate limit exceeded, retry in ${context.after}`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
}

/** Per-route option of the catalogue reads: none by default (false), or the configured limit. */
export function catalogueRateLimit(deps: ApiDeps): false | { max: number; timeWindow: number } {
  const perMinute = deps.config.catalogueRatePerMinute;
  return perMinute > 0 ? { max: perMinute, timeWindow: 60_000 } : false;
}
