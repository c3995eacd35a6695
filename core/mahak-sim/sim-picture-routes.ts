import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimEngine } from './sim-engine.js';
import { terminate } from './sim-sync-routes.js';

/**
 * Picture files, no auth: `/Content/Images/all/<file>` (the Url on each Picture, API.md §1.1) and the
 * `/api/v3/Content/Images/all/<file>` form Mahak's WordPress plugin builds. Faults apply as operation `Image`.
 */
export function registerPictureRoutes(app: FastifyInstance, engine: SimEngine): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const plan = engine.faults.plan('Image');
    if (plan.latencyMs > 0) await new Promise((r) => setTimeout(r, plan.latencyMs));
    if (plan.terminal && plan.terminal.kind !== 'tokenExpiry')
      return terminate(plan.terminal, reply, engine, 'Image');
    const file = decodeURIComponent((request.params as { file: string }).file);
    const found = engine.pictures.bytesFor(file);
    engine.count('Image', found ? 200 : 404);
    if (!found) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    return reply.header('cache-control', 'public, max-age=86400').type(found.contentType).send(found.bytes);
  };
  app.get('/Content/Images/all/:file', handler);
  app.get('/api/v3/Content/Images/all/:file', handler);
}
