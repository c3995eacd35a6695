import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { HamgamError, type ErrorCode } from '../errors.js';
import { sendErrorBody } from './error-handler.js';
import type { Metrics } from './metrics.js';
import { observeRequest } from './request-hooks.js';

/**
 * Errors fastify answers before any route or error handler runs: a path that is not valid URL encoding
 * (`/api/v1/products/%ZZ`), a path parameter longer than the router allows, a failed route constraint.
 * Given to the Fastify constructor as `frameworkErrors`, so they too leave as our ErrorBody. No hook
 * runs for these, so they are timed and counted here (request-hooks.ts does it for the rest).
 */
export function frameworkErrorsFor(metrics: Metrics): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const err = fromFrameworkError(error);
    request.log.info({ code: err.code, status: err.status, fastifyCode: error.code }, err.message);
    const sent = sendErrorBody(request, reply.header('x-request-id', request.id), err);
    observeRequest(metrics, request, reply);
    return sent;
  };
}

function fromFrameworkError(error: FastifyError): HamgamError {
  if (error.code === 'FST_ERR_BAD_URL')
    return new HamgamError('URL_INVALID', 'The request path is not valid URL encoding', {
      reason: 'bad_encoding',
    });
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return new HamgamError('URI_TOO_LONG', 'A path parameter is longer than 100 characters', {
      reason: 'path_parameter',
    });
  return new HamgamError('INTERNAL', undefined, undefined, { cause: error });
}

/** Node's HTTP parser errors that reach `clientError`, by their code. */
const byParserError: Record<string, { code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: { code: 'HEADERS_TOO_LARGE', message: 'The request line or headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' },
};

/**
 * Requests node's HTTP parser refuses before fastify sees them (headers or URL over the 16 KiB limit:
 * 431; too slow: 408; not HTTP: 400). Fastify's default answers these with its own body; this one
 * writes our ErrorBody, with the byte length (the Persian message is not ASCII), and closes.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = byParserError[error.code ?? ''];
  const err = known
    ? new HamgamError(known.code, known.message)
    : new HamgamError('REQUEST_MALFORMED', 'The request is not valid HTTP');
  if (socket.writable) {
    const body = JSON.stringify(err.toBody());
    socket.write(
      `HTTP/1.1 ${err.status} ${statusText[err.status] ?? 'Error'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const statusText: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};
