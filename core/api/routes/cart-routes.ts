import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  addCartLineSchema,
  CART_TOKEN_HEADER,
  cartLineParamsSchema,
  cartParamsSchema,
  cartViewSchema,
  updateCartLineSchema,
} from '../../contracts/carts.js';
import type { CartView } from '../../contracts/carts.js';
import type { CartCaller } from '../../orders/cart-repo.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { commerceOf, optionalCustomer } from './order-routes.js';

/** Cart edits per client IP per minute; reads fall under the global limit. */
const cartWriteRatePerMinute = 120;
const cartBodyLimit = 4 * 1024;

const cartCreatedSchema = cartViewSchema.extend({
  /** Anonymous carts only: the secret for X-Cart-Token (also sent as that response header). Shown once. */
  cartToken: z.string().nullable(),
});

/**
 * Storefront carts. Decision: a cart created WITH a customer's token belongs to that customer and is
 * reached with the token; one created without is anonymous and is reached only with its secret
 * (X-Cart-Token). Checkout with an anonymous cart needs both the customer token and the cart secret.
 */
export const cartRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { carts } = commerceOf(deps);
  const tags = ['carts'];
  const errors = { 401: errorBody, 404: errorBody, ...commonErrors };
  const writes = { ...errors, 409: errorBody };
  const write = {
    bodyLimit: cartBodyLimit,
    config: { rateLimit: { max: cartWriteRatePerMinute, timeWindow: 60_000 } },
  };

  const caller = async (request: FastifyRequest, reply: FastifyReply): Promise<CartCaller> => {
    const token = request.headers[CART_TOKEN_HEADER];
    return {
      customerId: await optionalCustomer(request, reply),
      token: typeof token === 'string' ? token : undefined,
    };
  };

  app.post(
    '/api/v1/carts',
    { ...write, schema: { tags, response: { 201: cartCreatedSchema, ...errors } } },
    async (request, reply) => {
      const { cart, token } = await carts.create((await caller(request, reply)).customerId);
      if (token) reply.header('X-Cart-Token', token);
      reply.code(201).header('Location', `/api/v1/carts/${cart.id}`);
      return { ...cart, cartToken: token ?? null };
    },
  );

  app.get(
    '/api/v1/carts/:id',
    { schema: { tags, params: cartParamsSchema, response: { 200: cartViewSchema, ...errors } } },
    async (request, reply): Promise<CartView> => carts.view(request.params.id, await caller(request, reply)),
  );

  app.post(
    '/api/v1/carts/:id/lines',
    {
      ...write,
      schema: {
        tags,
        params: cartParamsSchema,
        body: addCartLineSchema,
        response: { 201: cartViewSchema, ...writes },
      },
    },
    async (request, reply): Promise<CartView> => {
      const cart = await carts.addLine(request.params.id, await caller(request, reply), request.body);
      reply.code(201);
      return cart;
    },
  );

  app.patch(
    '/api/v1/carts/:id/lines/:lineId',
    {
      ...write,
      schema: {
        tags,
        params: cartLineParamsSchema,
        body: updateCartLineSchema,
        response: { 200: cartViewSchema, ...writes },
      },
    },
    async (request, reply): Promise<CartView> =>
      carts.updateLine(request.params.id, request.params.lineId, await caller(request, reply), request.body),
  );

  app.delete(
    '/api/v1/carts/:id/lines/:lineId',
    {
      ...write,
      schema: { tags, params: cartLineParamsSchema, response: { 200: cartViewSchema, ...writes } },
    },
    async (request, reply): Promise<CartView> =>
      carts.removeLine(request.params.id, request.params.lineId, await caller(request, reply)),
  );
};
