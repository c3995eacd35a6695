import { z } from 'zod';
import {
  doctorReportSchema,
  supportBundleHeaders,
  supportBundlePath,
  type DoctorReport,
} from '../../contracts/admin-doctor.js';
import type { Config } from '../../config/config-schema.js';
import type { ConfigSources } from '../../config/load-config.js';
import type { DoctorDeps } from '../../ops/doctor/doctor-types.js';
import { runDoctor } from '../../ops/doctor/run-doctor.js';
import { supportBundle } from '../../ops/support-bundle.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff } from '../auth-guards.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/** Not JSON: the zip's bytes as they are (the headers are the contract); this documents the status. */
const zipBody = z.unknown().describe('application/zip');
const errors = { 401: errorBody, 403: errorBody, ...commonErrors } as const;

/**
 * The doctor for the desk's settings page (owner only): the same checks as `hamgam doctor`, and the
 * support bundle as a zip download. Each request runs the checks afresh (a Mahak login included).
 */
export function adminDoctorRoutes(services: {
  deps: () => DoctorDeps;
  config: Config;
  sources: ConfigSources;
  logDirs: string[];
}): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const owner = requireStaff('owner');

    app.get(
      '/admin/api/doctor',
      { onRequest: owner, schema: { tags, response: { 200: doctorReportSchema, ...errors } } },
      async (): Promise<DoctorReport> => runDoctor(services.deps()),
    );

    app.get(
      supportBundlePath,
      { onRequest: owner, schema: { tags, response: { 200: zipBody, ...errors } } },
      async (_request, reply) => {
        // The same bundle as `hamgam doctor --bundle` (core/ops/support-bundle.ts): secrets replaced.
        const report = await runDoctor(services.deps());
        const zip = await supportBundle({
          report,
          config: services.config,
          sources: services.sources,
          logDirs: services.logDirs,
        });
        return reply.headers(supportBundleHeaders(report.at)).send(zip);
      },
    );
  };
}
