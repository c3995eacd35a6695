import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from '../logging/logger.js';
import { loggableUrl } from './request-hooks.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
type LogFn = FastifyBaseLogger['info'];

/**
 * Bridges our Logger port to the logger interface fastify expects, so `request.log` is a child of the
 * app's logger carrying `reqId` (STYLE.md rule 6) and every line stays structured through one port.
 * Fastify (and plugins) call pino-style: (msg), (fields, msg) or (err, msg); all three are mapped to
 * (fields, msg). Raw req/res objects are reduced to a few fields so a log line never dumps a socket; an
 * Error stays under `err`, where pino's error serialiser writes its type, message, stack and cause.
 */
export function fastifyLoggerFromPort(logger: Logger): FastifyBaseLogger {
  const emit = (level: Level): LogFn =>
    ((first: unknown, second?: unknown) => {
      const { fields, msg } = toFieldsAndMessage(first, second);
      logger[level](fields, msg);
    }) as LogFn;
  return {
    level: 'trace', // the port's own level decides what is written
    trace: emit('debug'),
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    fatal: emit('error'),
    silent: (() => undefined) as LogFn,
    // Fastify makes a child for every request (its reqId) before the route runs. A port child is a
    // pino child (bindings serialised up front, a new logger object): a tenth of a cached catalogue
    // answer's cost. The bindings are added to each line's fields instead; the line is the same,
    // bindings first, as a pino child writes them.
    child: (bindings) => fastifyLoggerFromPort(withBindings(logger, bindings)),
  };
}

function withBindings(logger: Logger, bindings: Record<string, unknown>): Logger {
  return {
    debug: (fields, msg) => logger.debug({ ...bindings, ...fields }, msg),
    info: (fields, msg) => logger.info({ ...bindings, ...fields }, msg),
    warn: (fields, msg) => logger.warn({ ...bindings, ...fields }, msg),
    error: (fields, msg) => logger.error({ ...bindings, ...fields }, msg),
    child: (more) => withBindings(logger, { ...bindings, ...more }),
  };
}

function toFieldsAndMessage(
  first: unknown,
  second: unknown,
): { fields: Record<string, unknown>; msg: string } {
  if (typeof first === 'string') return { fields: {}, msg: first };
  if (first instanceof Error) return { fields: { err: first }, msg: stringOr(second, first.message) };
  if (typeof first !== 'object' || first === null)
    return { fields: { value: first }, msg: stringOr(second, '') };
  const fields: Record<string, unknown> = { ...(first as Record<string, unknown>) };
  if (fields.req && typeof fields.req === 'object')
    fields.req = reduceRequest(fields.req as Record<string, unknown>);
  if (fields.res && typeof fields.res === 'object') {
    fields.res = { statusCode: (fields.res as { statusCode?: number }).statusCode };
  }
  return { fields, msg: stringOr(second, '') };
}

const stringOr = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

const reduceRequest = (req: Record<string, unknown>) => ({
  method: req.method,
  url: typeof req.url === 'string' ? loggableUrl(req.url) : undefined,
});
