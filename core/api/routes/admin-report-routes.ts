import {
  reportPeriodQuerySchema,
  salesReportSchema,
  syncActivityReportSchema,
  topProductsQuerySchema,
  topProductsReportSchema,
  type SalesReport,
  type SyncActivityReport,
  type TopProductsReport,
} from '../../contracts/admin-reports.js';
import { salesReport, syncActivityReport, topProductsReport } from '../../reports/report-service.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff } from '../auth-guards.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { adminErrors } from './admin-dispute-routes.js';
import type { AdminPushServices } from './admin-services.js';

/** Reports: web sales per day, top products, sync volume and errors (Tehran days; any clerk). */
export function adminReportRoutes(services: AdminPushServices): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const db = services.storage.db;
    app.addHook('onRequest', requireStaff());

    app.get(
      '/admin/api/reports/sales',
      {
        schema: {
          tags,
          querystring: reportPeriodQuerySchema,
          response: { 200: salesReportSchema, ...adminErrors },
        },
      },
      async (request): Promise<SalesReport> => salesReport(db, request.query),
    );

    app.get(
      '/admin/api/reports/top-products',
      {
        schema: {
          tags,
          querystring: topProductsQuerySchema,
          response: { 200: topProductsReportSchema, ...adminErrors },
        },
      },
      async (request): Promise<TopProductsReport> => topProductsReport(db, request.query),
    );

    app.get(
      '/admin/api/reports/sync-activity',
      {
        schema: {
          tags,
          querystring: reportPeriodQuerySchema,
          response: { 200: syncActivityReportSchema, ...adminErrors },
        },
      },
      async (request): Promise<SyncActivityReport> => syncActivityReport(db, request.query),
    );
  };
}
