import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConsoleSmsSender } from '../../accounts/console-sms-sender.js';
import { CART_TOKEN_HEADER } from '../../contracts/carts.js';
import { checkoutRequestSchema, orderListSchema, orderViewSchema } from '../../contracts/orders.js';
import type { OrderList, OrderView } from '../../contracts/orders.js';
import { orderParamsSchema } from '../../contracts/payments.js';
import { createCommerce, type Commerce } from '../../orders/commerce.js';
import type { ApiDeps, ApiRoutePlugin } from '../api-deps.js';
import { customerIdOf, requireCustomer } from '../auth-guards.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/** Checkout and payment start per client IP per minute: a shopper needs a handful, a bot far more. */
export const checkoutRatePerMinute = 30;
/** A checkout body is at most 100 lines and an address; 64 KiB is plenty. */
const checkoutBodyLimit = 64 * 1024;

const byStorage = new WeakMap<object, Commerce>();

/**
 * The one Commerce of these deps: the composition root's when given, otherwise built once per storage
 * (cart, order and payment routes share it, and with it the gateway and the notifier).
 */
export function commerceOf(deps: ApiDeps): Commerce {
  if (deps.commerce) return deps.commerce;
  let commerce = byStorage.get(deps.storage);
  if (!commerce) {
    const sms = deps.accounts?.sms ?? new ConsoleSmsSender(deps.logger.child({ component: 'sms' }));
    commerce = createCommerce({ db: deps.storage.db, config: deps.config, logger: deps.logger, sms });
    byStorage.set(deps.storage, commerce);
  }
  return commerce;
}

/** Printable ASCII, like the IETF draft's examples (a UUID is typical). */
const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

const checkoutHeaders = z.looseObject({
  'idempotency-key': idempotencyKey.optional(),
  [CART_TOKEN_HEADER]: z.string().min(1).max(200).optional(),
});

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().min(1).max(500).optional(),
});

/** Storefront orders: checkout, the customer's own orders, cancel. Every route needs a customer token. */
export const orderRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const commerce = commerceOf(deps);
  app.addHook('onRequest', requireCustomer);
  const tags = ['orders'];
  const errors = { 401: errorBody, 403: errorBody, ...commonErrors };
  const conflicts = { ...errors, 404: errorBody, 409: errorBody };

  app.post(
    '/api/v1/orders',
    {
      bodyLimit: checkoutBodyLimit,
      config: { rateLimit: { max: checkoutRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        headers: checkoutHeaders,
        body: checkoutRequestSchema,
        response: { 200: orderViewSchema, 201: orderViewSchema, ...conflicts },
      },
    },
    async (request, reply): Promise<OrderView> => {
      const outcome = await commerce.checkout.checkout({
        customerId: customerIdOf(request),
        request: request.body,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        cartToken: request.headers[CART_TOKEN_HEADER] as string | undefined,
      });
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      reply.code(outcome.replayed ? 200 : 201).header('Location', `/api/v1/orders/${outcome.order.id}`);
      return outcome.order;
    },
  );

  app.get(
    '/api/v1/orders',
    { schema: { tags, querystring: listQuery, response: { 200: orderListSchema, ...errors } } },
    async (request): Promise<OrderList> => commerce.orders.list(customerIdOf(request), request.query),
  );

  app.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags,
        params: orderParamsSchema,
        response: { 200: orderViewSchema, ...errors, 404: errorBody },
      },
    },
    async (request): Promise<OrderView> => commerce.orders.get(customerIdOf(request), request.params.id),
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    { schema: { tags, params: orderParamsSchema, response: { 200: orderViewSchema, ...conflicts } } },
    async (request): Promise<OrderView> =>
      commerce.orders.cancelByCustomer(customerIdOf(request), request.params.id),
  );
};

/** For routes open to both: the customer when a token is sent (and valid), otherwise anonymous. */
export async function optionalCustomer(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | undefined> {
  if (!request.headers.authorization) return undefined;
  await requireCustomer.call(request.server, request, reply);
  return customerIdOf(request);
}
