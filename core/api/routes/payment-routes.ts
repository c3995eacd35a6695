import {
  fakePaymentParamsSchema,
  orderParamsSchema,
  paymentCallbackQuerySchema,
  paymentResultSchema,
  startPaymentResponseSchema,
} from '../../contracts/payments.js';
import type { PaymentResult, StartPaymentResponse } from '../../contracts/payments.js';
import { HamgamError } from '../../errors.js';
import { callbackPath, fakePaymentPage } from '../../payments/fake-gateway.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { publicBaseUrl } from '../public-url.js';
import { customerIdOf, requireCustomer } from '../auth-guards.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { checkoutRatePerMinute, commerceOf } from './order-routes.js';

/** Callbacks per client IP per minute: a customer returns once per payment; refreshes are harmless. */
const callbackRatePerMinute = 60;

/**
 * Online payment: start (customer), the gateway's callback (public: the customer's browser comes back
 * from the gateway, so it carries no token; the payment is identified by the gateway's id and
 * verified server to server), and the fake gateway's page when that driver is configured.
 */
export const paymentRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { payments, gateway } = commerceOf(deps);
  const tags = ['payments'];
  const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...commonErrors };

  app.post(
    '/api/v1/orders/:id/pay',
    {
      onRequest: requireCustomer,
      bodyLimit: 1024,
      config: { rateLimit: { max: checkoutRatePerMinute, timeWindow: 60_000 } },
      schema: { tags, params: orderParamsSchema, response: { 201: startPaymentResponseSchema, ...errors } },
    },
    async (request, reply): Promise<StartPaymentResponse> => {
      // The gateway sends the browser back here: the configured public address, never the Host header.
      const callbackUrl = `${publicBaseUrl(deps.config, fastify)}${callbackPath}`;
      const started = await payments.start(customerIdOf(request), request.params.id, callbackUrl);
      reply.code(201);
      return started;
    },
  );

  app.get(
    callbackPath,
    {
      config: { rateLimit: { max: callbackRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        querystring: paymentCallbackQuerySchema,
        response: { 200: paymentResultSchema, ...errors },
      },
    },
    async (request): Promise<PaymentResult> => payments.handleCallback(request.query),
  );

  if (gateway.name !== 'fake') return;
  app.get(
    '/api/v1/payments/fake/:paymentId',
    { schema: { tags, params: fakePaymentParamsSchema, hide: true } },
    async (request, reply) => {
      const page = fakePaymentPage(request.params.paymentId);
      if (!page) throw new HamgamError('NOT_FOUND', 'Unknown payment', { resource: 'payment' });
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );
};
