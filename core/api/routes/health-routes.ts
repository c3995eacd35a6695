import { z } from 'zod';
import type { ApiRoutePlugin } from '../api-deps.js';
import { runReadiness } from '../readiness.js';

const health = z.object({ status: z.literal('ok') });
const ready = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z
    .record(z.string(), z.string())
    .describe("Per dependency: 'ok', 'timeout', 'failed' or an error code"),
});

const probe = { quietLog: true, rateLimit: false } as const;

/**
 * Probes for orchestrators (ARCHITECTURE.md "Faces"): /health = the process is alive (never touches a
 * dependency, so a database outage does not get the pod restarted); /ready = every dependency this instance serves from answers (not Mahak: see create-app.ts);
 * /metrics = Prometheus text.
 */
export const healthRoutes: ApiRoutePlugin = async (app, deps) => {
  const timeoutMs = deps.readinessTimeoutMs ?? 2000;

  app.get(
    '/health',
    { config: probe, schema: { tags: ['probes'], response: { 200: health } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/ready',
    { config: probe, schema: { tags: ['probes'], response: { 200: ready, 503: ready } } },
    async (request, reply) => {
      const report = await runReadiness(
        deps.readiness,
        timeoutMs,
        request.log.child({ component: 'readiness' }),
      );
      return reply
        .code(report.ready ? 200 : 503)
        .send({ status: report.ready ? 'ready' : 'unavailable', checks: report.checks });
    },
  );

  app.get('/metrics', { config: probe, schema: { tags: ['probes'] } }, async (_request, reply) => {
    const { contentType, body } = await deps.metrics.render();
    return reply.type(contentType).send(body);
  });
};
