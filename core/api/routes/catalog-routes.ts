import {
  categoryList,
  productDetail,
  productListQuery,
  productPage,
  productParams,
} from '../../contracts/catalog.js';
import type { CategoryListDto, ProductDetailDto, ProductPageDto } from '../../contracts/catalog.js';
import { normalisePersian } from '../../domain/persian.js';
import { HamgamError } from '../../errors.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { toProductDetailDto, toProductPageDto } from '../catalog-mapping.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/** Storefront catalogue (read-only): only published products, priced at the shop's sell level, stock of its store. */
export const catalogRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { catalog } = deps.storage;
  // storeId undefined = stock summed over every store (CatalogRepo contract). Read per request: the
  // desk's settings change the price level and the store without a restart.
  const priceOptions = () => ({ priceLevel: deps.config.sellPriceLevel, storeId: deps.config.storeId });

  app.get(
    '/api/v1/products',
    {
      schema: {
        tags: ['catalogue'],
        querystring: productListQuery,
        response: { 200: productPage, ...commonErrors },
      },
    },
    async (request): Promise<ProductPageDto> => {
      const { limit, cursor, categoryId, q, inStock } = request.query;
      // The repo matches against names stored normalised, so the query is folded the same way (ي->ی, ۱->1).
      const search = q === undefined ? undefined : normalisePersian(q) || undefined;
      const page = await catalog.listProducts({
        ...priceOptions(),
        limit,
        cursor,
        categoryId,
        search,
        inStock,
      });
      return toProductPageDto(page);
    },
  );

  app.get(
    '/api/v1/products/:id',
    {
      schema: {
        tags: ['catalogue'],
        params: productParams,
        response: { 200: productDetail, 404: errorBody, ...commonErrors },
      },
    },
    async (request): Promise<ProductDetailDto> => {
      const { id } = request.params;
      const product = await catalog.getProduct(id, priceOptions());
      // Deleted or not assigned to our visitor looks exactly like never existed (no information leak).
      if (!product)
        throw new HamgamError('NOT_FOUND', `Product ${id} not found`, { resource: 'product', id });
      return toProductDetailDto(product);
    },
  );

  app.get(
    '/api/v1/categories',
    { schema: { tags: ['catalogue'], response: { 200: categoryList, ...commonErrors } } },
    async (): Promise<CategoryListDto> => {
      const categories = await catalog.listCategories();
      return {
        items: categories.map(({ id, code, name, productCount }) => ({ id, code, name, productCount })),
      };
    },
  );
};
