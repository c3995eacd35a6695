import { z } from 'zod';
import {
  categoryList,
  productDetail,
  productListQuery,
  productPage,
  productParams,
} from '../../contracts/catalog.js';
import type { CategoryListDto, ProductDetailDto, ProductPageDto } from '../../contracts/catalog.js';
import { normalisePersian } from '../../domain/persian.js';
import { HamgamError, isHamgamError } from '../../errors.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { CatalogueCache } from '../catalogue-cache.js';
import { toProductDetailDto, toProductPageDto } from '../catalog-mapping.js';
import { catalogueRateLimit } from '../rate-limits.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/**
 * Storefront catalogue (read-only): only published products, priced at the shop's sell level, stock of
 * its store. Answers carry ETag / Last-Modified / Cache-Control and are kept serialised until the
 * catalogue changes (catalogue-cache.ts); 304 on revalidation. Not throttled unless configured.
 */
export const catalogRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { catalog } = deps.storage;
  const cache = new CatalogueCache(catalog, {
    cacheControl: deps.config.catalogueCacheControl,
    maxEntries: deps.config.catalogueCacheEntries,
    versionTtlMs: deps.config.catalogueVersionTtlMs,
  });
  const config = { rateLimit: catalogueRateLimit(deps) };
  // storeId undefined = stock summed over every store (CatalogRepo contract). Read per request: the
  // desk's settings change the price level and the store without a restart.
  const priceOptions = () => ({ priceLevel: deps.config.sellPriceLevel, storeId: deps.config.storeId });
  const log = deps.logger.child({ component: 'catalogue' });
  // The read rows for the configured scope, started with the server: requests arriving before it ends
  // wait for it. Not awaited here: a rebuild at 100,000 products outlasts fastify's plugin timeout.
  void catalog
    .prepareScope(priceOptions())
    .catch((e: unknown) => log.warn({ err: e }, 'storefront rows not prepared at start-up'));
  // A request for a scope nobody prepared (another instance changed the settings, a bulk write left
  // unfinished) is refused with CATALOGUE_PREPARING, never rebuilt inside the request; the rebuild is
  // started here, once, and the following requests are answered from it.
  const answer: typeof cache.reply = (request, reply, scope, compute) =>
    cache.reply(request, reply, scope, compute).catch((e: unknown) => {
      if (isHamgamError(e) && e.code === 'CATALOGUE_PREPARING') {
        catalog
          .prepareScope(scope)
          .catch((err: unknown) => log.error({ err }, 'storefront rows not rebuilt'));
      }
      throw e;
    });
  // 304 Not Modified: no body.
  const responses = { 304: z.unknown(), ...commonErrors };

  app.get(
    '/api/v1/products',
    {
      config,
      schema: {
        tags: ['catalogue'],
        querystring: productListQuery,
        response: { 200: productPage, ...responses },
      },
    },
    async (request, reply) => {
      const { limit, cursor, categoryId, q, inStock } = request.query;
      // The repo matches against names stored normalised, so the query is folded the same way (ي->ی, ۱->1).
      const search = q === undefined ? undefined : normalisePersian(q) || undefined;
      const scope = priceOptions();
      return answer(request, reply, scope, async (): Promise<ProductPageDto> => {
        const page = await catalog.listProducts({ ...scope, limit, cursor, categoryId, search, inStock });
        return toProductPageDto(page);
      });
    },
  );

  app.get(
    '/api/v1/products/:id',
    {
      config,
      schema: {
        tags: ['catalogue'],
        params: productParams,
        response: { 200: productDetail, 404: errorBody, ...responses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const scope = priceOptions();
      return answer(request, reply, scope, async (): Promise<ProductDetailDto> => {
        const product = await catalog.getProduct(id, scope);
        // Deleted or not assigned to our visitor looks exactly like never existed (no information leak).
        if (!product)
          throw new HamgamError('NOT_FOUND', `Product ${id} not found`, { resource: 'product', id });
        return toProductDetailDto(product);
      });
    },
  );

  app.get(
    '/api/v1/categories',
    { config, schema: { tags: ['catalogue'], response: { 200: categoryList, ...responses } } },
    async (request, reply) =>
      answer(request, reply, priceOptions(), async (): Promise<CategoryListDto> => {
        // Counts come from the pull-maintained counts of the read table (storefront_counts).
        const categories = await catalog.listCategories();
        return {
          items: categories.map(({ id, code, name, productCount }) => ({ id, code, name, productCount })),
        };
      }),
  );
};
