import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from '../logging/logger.js';
import type { SimEngine } from './sim-engine.js';
import { faMessages } from './sim-messages.js';
import { registerPictureRoutes } from './sim-picture-routes.js';
import { registerControlRoutes } from './sim-control-routes.js';
import type { SimControl } from './sim-control.js';
import { registerSyncRoutes } from './sim-sync-routes.js';
import { fail } from './sim-wire.js';

/** The simulator's HTTP face: Mahak's Sync API, picture files, and the `/__sim/` control API. */
export async function buildSimServer(
  engine: SimEngine,
  control: SimControl,
  logger: Logger,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // API.md §1.1: clients use /API/v3/Sync/Login and /api/v3/sync/login alike.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // Hanging requests (timeout fault) must not keep close() waiting.
    forceCloseConnections: true,
    bodyLimit: 64 * 1024 * 1024,
  });
  // API.md §1.3: application/json, application/json-patch+json, text/json, application/*+json.
  const json = app.getDefaultJsonParser('ignore', 'ignore');
  app.addContentTypeParser(['text/json', 'application/json-patch+json'], { parseAs: 'string' }, json);
  app.addContentTypeParser(/^application\/[\w.-]+\+json/i, { parseAs: 'string' }, json);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) logger.error({ err: err.message, url: request.url }, 'mahak-sim: request failed');
    if (request.url.startsWith('/__sim')) return reply.code(status).send({ error: err.message });
    return reply
      .code(status)
      .send(fail(status, status >= 500 ? faMessages.serverError : faMessages.badRequest));
  });
  app.addHook('onResponse', async (request, reply) => {
    logger.debug(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'mahak-sim request',
    );
  });

  registerSyncRoutes(app, engine);
  registerPictureRoutes(app, engine);
  registerControlRoutes(app, control);
  return app;
}
