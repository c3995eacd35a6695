import { toCustomerDto } from '../../accounts/account-dto.js';
import {
  loginRequestSchema,
  otpRequestResponseSchema,
  otpRequestSchema,
  otpVerifySchema,
  refreshRequestSchema,
  registerRequestSchema,
  registerResponseSchema,
  tokenPairSchema,
} from '../../contracts/accounts.js';
import type { OtpRequestResponse, RegisterResponse, TokenPair } from '../../contracts/accounts.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import {
  accountsOf,
  authRateLimit,
  limitAccountBodies,
  noContent,
  refreshRateLimit,
  tokenPair,
} from '../auth-support.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

/**
 * Storefront sign-in: register (by SMS code), password login, OTP login, refresh (rotating), logout. The sign-in
 * routes have their own per-IP rate limit, far below the global one: each answer costs a scrypt hash
 * or an SMS.
 */
export const authRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const accounts = accountsOf(deps);
  limitAccountBodies(fastify);
  const signIn = { rateLimit: authRateLimit(deps) };
  const refresh = { rateLimit: refreshRateLimit(deps) };
  const tags = ['auth'];
  const unauthorized = { 401: errorBody, ...commonErrors };

  app.post(
    '/api/v1/auth/register',
    {
      config: signIn,
      schema: {
        tags,
        description:
          'First step of registration. Answers 202 the same way for every mobile, so it never tells ' +
          'whether a number already has an account: a new number gets a 6-digit code by SMS, a known ' +
          'one a notice to sign in instead. POST the code to /api/v1/auth/register/verify.',
        body: registerRequestSchema,
        response: { 202: otpRequestResponseSchema, ...commonErrors },
      },
    },
    async (request, reply): Promise<OtpRequestResponse> => {
      const started = await accounts.registration.request(request.body);
      reply.code(202);
      return started;
    },
  );

  app.post(
    '/api/v1/auth/register/verify',
    {
      config: signIn,
      schema: {
        tags,
        description:
          'Second step: the code from the SMS creates the account and signs it in. 401 AUTH_OTP_INVALID ' +
          'for a wrong, expired or used-up code (five tries per code).',
        body: otpVerifySchema,
        response: { 201: registerResponseSchema, 409: errorBody, ...unauthorized },
      },
    },
    async (request, reply): Promise<RegisterResponse> => {
      const { mobile, code } = request.body;
      const { customer, session } = await accounts.completeRegistration(mobile, code);
      reply.code(201);
      return { ...tokenPair(fastify, session), customer: toCustomerDto(customer) };
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: signIn,
      schema: {
        tags,
        description: `Too many failures for one mobile lock it for a while (429 AUTH_LOCKED with retryAfterSeconds and Retry-After).`,
        body: loginRequestSchema,
        response: { 200: tokenPairSchema, ...unauthorized },
      },
    },
    async (request): Promise<TokenPair> =>
      tokenPair(fastify, await accounts.loginCustomer(request.body.mobile, request.body.password)),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: refresh,
      schema: { tags, body: refreshRequestSchema, response: { 200: tokenPairSchema, ...unauthorized } },
    },
    async (request): Promise<TokenPair> =>
      tokenPair(fastify, await accounts.sessions.rotate(request.body.refreshToken, 'customer')),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: refresh,
      schema: { tags, body: refreshRequestSchema, response: { 204: noContent, ...commonErrors } },
    },
    async (request, reply) => {
      await accounts.sessions.revoke(request.body.refreshToken, 'customer');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/otp/request',
    {
      config: signIn,
      schema: { tags, body: otpRequestSchema, response: { 200: otpRequestResponseSchema, ...commonErrors } },
    },
    async (request): Promise<OtpRequestResponse> => accounts.otp.request(request.body.mobile),
  );

  app.post(
    '/api/v1/auth/otp/verify',
    {
      config: signIn,
      schema: { tags, body: otpVerifySchema, response: { 200: tokenPairSchema, ...unauthorized } },
    },
    async (request): Promise<TokenPair> =>
      tokenPair(fastify, await accounts.verifyOtp(request.body.mobile, request.body.code)),
  );
};
