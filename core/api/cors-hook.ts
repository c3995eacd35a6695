import type { FastifyReply, FastifyRequest } from 'fastify';

const allowMethods = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const allowHeaders = 'Content-Type, Authorization, X-Request-Id, Idempotency-Key, X-Cart-Token';

/**
 * CORS for storefronts that call the API from the browser (config `corsOrigins`). A dozen lines instead
 * of @fastify/cors: we only need an origin allow-list. Credentials (cookies) are never allowed
 * cross-origin: the storefront authenticates with a bearer token. An empty list = same-origin only
 * (no CORS header is ever sent). Preflights are answered here, before routing, for any path.
 */
export function createCorsHook(origins: readonly string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const origin = request.headers.origin;
    const ok = typeof origin === 'string' && (any || allowed.has(origin));
    if (ok) {
      reply.header('Access-Control-Allow-Origin', any ? '*' : origin);
      reply.header(
        'Access-Control-Expose-Headers',
        'X-Request-Id, Retry-After, Location, X-Cart-Token, Idempotent-Replayed',
      );
    }
    if (origins.length > 0) reply.header('Vary', 'Origin');
    const preflight =
      request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!preflight) return undefined;
    if (ok) {
      reply.header('Access-Control-Allow-Methods', allowMethods);
      reply.header('Access-Control-Allow-Headers', allowHeaders);
      reply.header('Access-Control-Max-Age', '600');
    }
    // A refused preflight still gets 204, just without the allow headers: the browser then blocks the call.
    return reply.code(204).send();
  };
}
