import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HamgamError, isHamgamError, type ErrorCode } from '../errors.js';
import { validationError } from './zod-validation.js';

/**
 * The one error path of the HTTP API: every failure leaves as an ErrorBody
 * ({error:{code, message, messageFa, details}}) with the code's HTTP status. Expected errors
 * (HamgamError, fastify's own 4xx) are answered as they are; anything else is a bug: logged with its
 * stack, answered as INTERNAL without the stack.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) =>
    sendError(toApiError(error), error, request, reply),
  );
  app.setNotFoundHandler((request, reply) => {
    const err = new HamgamError(
      'NOT_FOUND',
      `Route ${request.method} ${request.url.split('?')[0]} not found`,
    );
    return sendErrorBody(request, reply, err);
  });
}

function sendError(err: HamgamError, original: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (err.status >= 500) {
    // The original error (with its stack) goes to the log under `err`; the client only sees the code.
    const cause = original instanceof Error ? original : new Error(String(original));
    request.log.error({ err: cause, code: err.code }, 'request failed');
  } else {
    request.log.info({ code: err.code, status: err.status }, err.message);
  }
  const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  // A lockout or a throttled resend says when to come back in the standard header too.
  if (typeof retryAfter === 'number' && !reply.hasHeader('retry-after'))
    reply.header('retry-after', retryAfter);
  return sendErrorBody(request, reply, err);
}

/** The code each request was answered with, for hamgam_errors_total (request-hooks.ts counts it once the reply is out). */
const answeredCodes = new WeakMap<FastifyRequest, ErrorCode>();

/** Every ErrorBody leaves through here (error handler, 404, framework errors), so each one is counted. */
export function sendErrorBody(request: FastifyRequest, reply: FastifyReply, err: HamgamError): FastifyReply {
  answeredCodes.set(request, err.code);
  return reply.code(err.status).send(err.toBody());
}

export const answeredErrorCode = (request: FastifyRequest): ErrorCode | undefined =>
  answeredCodes.get(request);

/** Fastify's own 4xx errors, by their HTTP status. Other statuses fall back to VALIDATION_FAILED (a client error). */
const codeByStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function toApiError(error: unknown): HamgamError {
  if (isHamgamError(error)) return error;
  if (error instanceof z.ZodError) return validationError(error, 'request');
  const fe = error as Partial<FastifyError> | undefined;
  if (fe && Array.isArray(fe.validation)) return fromAjvValidation(fe as FastifyError);
  const status = fe?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HamgamError(
      codeByStatus[status] ?? 'VALIDATION_FAILED',
      fe?.message,
      fe?.code ? { fastifyCode: fe.code } : undefined,
    );
  }
  return new HamgamError('INTERNAL', undefined, undefined, { cause: error });
}

/** A JSON-schema (ajv) validation error, e.g. from a plugin route that does not use zod. */
function fromAjvValidation(e: FastifyError): HamgamError {
  const part = e.validationContext ?? 'request';
  const fields = (e.validation ?? []).map((v) => ({
    in: part,
    field:
      (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') ||
      String(v.params?.missingProperty ?? ''),
    message: v.message ?? 'invalid',
    code: v.keyword,
  }));
  return new HamgamError('VALIDATION_FAILED', e.message, { fields });
}
