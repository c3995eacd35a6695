import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answeredErrorCode } from './error-handler.js';
import type { Metrics } from './metrics.js';

const safeRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request id: the caller's X-Request-Id when it is a short safe token (a load balancer or the
 * storefront can correlate its own logs), otherwise a fresh UUID. It is bound as `reqId` on the
 * request's child logger and echoed in the response.
 */
export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && safeRequestId.test(given) ? given : randomUUID();
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Probe routes (/health, /ready, /metrics): their completion line is logged at debug, not info. */
    quietLog?: boolean;
  }
}

/**
 * The URL as it may be logged: the path, and of the query only the parameter names. Query values are
 * secrets often enough (a gateway's callback parameters, `?access_token=`, a reset code) that no value
 * is written to a log at any level.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => `${part.split('=')[0]}=~`);
  return names.length ? `${url.slice(0, at)}?${names.join('&')}` : url.slice(0, at);
}

/**
 * Echoes the request id, times every request into the duration histogram, counts an answered error
 * code and logs one line per request.
 */
export function installRequestHooks(app: FastifyInstance, metrics: Metrics): void {
  // Callback hooks: run on every request, they are synchronous, and an async hook costs a promise and
  // a turn of the microtask queue each.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const { route, status } = observeRequest(metrics, request, reply);
    const fields = {
      method: request.method,
      url: loggableUrl(request.url),
      route,
      status,
      ms: Math.round(reply.elapsedTime),
    };
    if (request.routeOptions.config?.quietLog) request.log.debug(fields, 'request completed');
    else request.log.info(fields, 'request completed');
    done();
  });
}

/** Times the request into the duration histogram and counts the error code it was answered with. */
export function observeRequest(metrics: Metrics, request: FastifyRequest, reply: FastifyReply) {
  // The route PATTERN (/api/v1/products/:id), never the raw URL: label cardinality stays bounded.
  // 404s and requests refused before routing have no pattern: they share 'unmatched'.
  const route = request.routeOptions?.url ?? 'unmatched';
  const status = reply.statusCode;
  metrics.httpRequestDuration.observe(
    { route, method: request.method, status: String(status) },
    reply.elapsedTime / 1000,
  );
  const code = answeredErrorCode(request);
  if (code) metrics.error('http', code);
  return { route, status };
}
