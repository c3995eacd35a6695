import { toAddressDto, toCustomerDto } from '../../accounts/account-dto.js';
import {
  addressCreateSchema,
  addressListSchema,
  addressParamsSchema,
  addressSchema,
  addressUpdateSchema,
  customerSchema,
  updateMeRequestSchema,
} from '../../contracts/accounts.js';
import type { AddressDto, AddressList, CustomerDto } from '../../contracts/accounts.js';
import { HamgamError } from '../../errors.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { customerIdOf, requireCustomer } from '../auth-guards.js';
import { accountsOf, limitAccountBodies, noContent } from '../auth-support.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/** The signed-in customer's own account and addresses. Every route here needs a customer token. */
export const meRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const accounts = accountsOf(deps);
  limitAccountBodies(fastify);
  // This plugin's scope only: the guard runs before the body is read.
  app.addHook('onRequest', requireCustomer);
  const tags = ['account'];
  const errors = { 401: errorBody, 403: errorBody, ...commonErrors };
  const withNotFound = { ...errors, 404: errorBody };

  app.get(
    '/api/v1/me',
    { schema: { tags, response: { 200: customerSchema, ...errors } } },
    async (request): Promise<CustomerDto> => {
      const customer = await accounts.customers.get(customerIdOf(request));
      // A valid token for an account that no longer exists: the session is over, not a missing page.
      if (!customer)
        throw new HamgamError('AUTH_TOKEN_INVALID', 'The account no longer exists', { reason: 'gone' });
      return toCustomerDto(customer);
    },
  );

  app.patch(
    '/api/v1/me',
    { schema: { tags, body: updateMeRequestSchema, response: { 200: customerSchema, ...errors } } },
    async (request): Promise<CustomerDto> =>
      toCustomerDto(await accounts.customers.update(customerIdOf(request), request.body)),
  );

  app.get(
    '/api/v1/me/addresses',
    { schema: { tags, response: { 200: addressListSchema, ...errors } } },
    async (request): Promise<AddressList> => ({
      items: (await accounts.addresses.list(customerIdOf(request))).map(toAddressDto),
    }),
  );

  app.post(
    '/api/v1/me/addresses',
    { schema: { tags, body: addressCreateSchema, response: { 201: addressSchema, ...errors } } },
    async (request, reply): Promise<AddressDto> => {
      const address = await accounts.addresses.create(customerIdOf(request), request.body);
      reply.code(201);
      return toAddressDto(address);
    },
  );

  app.patch(
    '/api/v1/me/addresses/:id',
    {
      schema: {
        tags,
        params: addressParamsSchema,
        body: addressUpdateSchema,
        response: { 200: addressSchema, ...withNotFound },
      },
    },
    async (request): Promise<AddressDto> =>
      toAddressDto(await accounts.addresses.update(customerIdOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/me/addresses/:id',
    { schema: { tags, params: addressParamsSchema, response: { 204: noContent, ...withNotFound } } },
    async (request, reply) => {
      await accounts.addresses.remove(customerIdOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
