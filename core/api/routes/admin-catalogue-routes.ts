import {
  catalogueDetailSchema,
  catalogueIdParamsSchema,
  catalogueListQuerySchema,
  catalogueListSchema,
  categoryOptionListSchema,
  webFieldsPatchSchema,
  type CatalogueDetail,
  type CatalogueList,
  type CategoryOptionList,
} from '../../contracts/admin-catalogue.js';
import type { CatalogueService } from '../../catalogue/catalogue-service.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { adminErrors } from './admin-dispute-routes.js';

/**
 * The desk's catalogue: every product with its sync state; the web-only fields are edited with PATCH
 * (audited), Mahak's fields only ever come from a pull.
 */
export function adminCatalogueRoutes(catalogue: CatalogueService): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    app.addHook('onRequest', requireStaff());

    app.get(
      '/admin/api/catalogue/products',
      {
        schema: {
          tags,
          querystring: catalogueListQuerySchema,
          response: { 200: catalogueListSchema, ...adminErrors },
        },
      },
      async (request): Promise<CatalogueList> => catalogue.list(request.query),
    );

    app.get(
      '/admin/api/catalogue/products/:id',
      {
        schema: {
          tags,
          params: catalogueIdParamsSchema,
          response: { 200: catalogueDetailSchema, ...adminErrors },
        },
      },
      async (request): Promise<CatalogueDetail> => catalogue.get(request.params.id),
    );

    app.patch(
      '/admin/api/catalogue/products/:id',
      {
        schema: {
          tags,
          params: catalogueIdParamsSchema,
          body: webFieldsPatchSchema,
          response: { 200: catalogueDetailSchema, ...adminErrors },
        },
      },
      async (request): Promise<CatalogueDetail> =>
        catalogue.updateWebFields(request.params.id, request.body, staffOf(request)),
    );

    app.get(
      '/admin/api/catalogue/categories',
      { schema: { tags, response: { 200: categoryOptionListSchema, ...adminErrors } } },
      async (): Promise<CategoryOptionList> => catalogue.categories(),
    );
  };
}
