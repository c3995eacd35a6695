import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { ApiDeps, ApiRoutePlugin } from './api-deps.js';
import { accountRoutes, installAuth } from './auth-plugin.js';
import { createCorsHook } from './cors-hook.js';
import { installErrorHandling } from './error-handler.js';
import { clientErrorHandler, frameworkErrorsFor } from './transport-errors.js';
import { fastifyLoggerFromPort } from './fastify-logger.js';
import { registerOpenApiDocs } from './openapi-docs.js';
import { registerRateLimit } from './rate-limits.js';
import { genReqId, installRequestHooks } from './request-hooks.js';
import { cartRoutes } from './routes/cart-routes.js';
import { deskRoutes } from './routes/desk-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { orderRoutes } from './routes/order-routes.js';
import { paymentRoutes } from './routes/payment-routes.js';
import { pictureRoutes } from './routes/picture-routes.js';
import { jsonSerializerCompiler, zodValidatorCompiler } from './zod-validation.js';

export type { ApiDeps, ApiRoutePlugin, ReadinessCheck } from './api-deps.js';

/** Storefront requests carry small JSON (cart, address); anything larger is a mistake or an attack. */
const defaultBodyLimit = 256 * 1024;

const builtInRoutes: ApiRoutePlugin[] = [
  healthRoutes,
  catalogRoutes,
  pictureRoutes,
  ...accountRoutes,
  // Storefront selling side (core/orders, core/payments).
  cartRoutes,
  orderRoutes,
  paymentRoutes,
];

/**
 * The fastify app factory: builds the whole HTTP API from plain deps and does not listen (tests call
 * `app.inject()`, `hamgam serve` calls `listen`). Order matters: error handling and hooks first so every
 * route plugin inherits them, the OpenAPI plugin before the routes so it sees them.
 */
export async function createServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: fastifyLoggerFromPort(deps.logger.child({ component: 'api' })),
    // One structured line per request from our onResponse hook instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId,
    // Behind a reverse proxy: request.ip (rate limits, logs) is the client from X-Forwarded-For.
    trustProxy: trustProxyOption(deps.config.trustProxy),
    bodyLimit: deps.bodyLimit ?? defaultBodyLimit,
    // Errors answered before routing (bad URL encoding, over-long path parameter, oversized headers)
    // leave as our ErrorBody too.
    frameworkErrors: frameworkErrorsFor(deps.metrics),
    clientErrorHandler,
  });
  if (!deps.config.publicBaseUrl && !deps.config.demo) {
    deps.logger.warn(
      {},
      'HAMGAM_PUBLIC_BASE_URL is not set: payment return URLs point at the listening address; set it to the address customers use',
    );
  }
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  installErrorHandling(app);
  installRequestHooks(app, deps.metrics);
  app.addHook('onRequest', createCorsHook(deps.config.corsOrigins));
  await registerRateLimit(app, deps);
  await registerOpenApiDocs(app);
  // JWT on the root instance so every route scope can use requireCustomer / requireStaff.
  const routeDeps = await installAuth(app, deps);
  // The desk last: its `GET /*` only gets what no API route matched.
  for (const routes of [...builtInRoutes, ...(deps.routes ?? []), deskRoutes]) {
    await app.register(async (scope) => routes(scope, routeDeps));
  }
  return app;
}

/** A hop count trusts that many proxies nearest to us (what fastify does with a number). */
function trustProxyOption(value: boolean | number | string[]) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}
