import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { extractToken } from './sim-auth.js';
import type { SimEngine } from './sim-engine.js';
import type { ActiveFault, FaultPlan } from './sim-faults.js';
import type { SimResponse } from './sim-get-all-data.js';
import { faMessages } from './sim-messages.js';
import { findOperation } from './sim-operations.js';
import { fail, type Envelope } from './sim-wire.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `POST /API/v3/Sync/<Operation>` — path and operation matched case-insensitively (the server is built with
 * caseSensitive: false). Faults are decided first, then the token is checked, then the operation runs.
 */
export function registerSyncRoutes(app: FastifyInstance, engine: SimEngine): void {
  app.post('/API/v3/Sync/:operation', async (request, reply) => {
    const op = findOperation((request.params as { operation: string }).operation);
    if (!op) return send(reply, engine, 'Unknown', { status: 404, body: fail(404, faMessages.badRequest) });
    const plan = engine.faults.plan(op.name);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    const terminal = plan.terminal;
    if (terminal?.kind === 'tokenExpiry') engine.auth.expireAll();
    else if (terminal && terminal.phase !== 'after') return terminate(terminal, reply, engine, op.name);
    const claims = op.needsToken
      ? engine.auth.verify(extractToken(request.headers.authorization, request.body, request.query))
      : undefined;
    if (op.needsToken && !claims) {
      // Real behaviour for a bad/expired token is unknown (API.md §2.3): the sim answers HTTP 401 with the
      // envelope, which every client treats as a failure and which lets a client re-login on 401.
      return send(reply, engine, op.name, { status: 401, body: fail(401, faMessages.tokenInvalid) });
    }
    const ctx = {
      engine,
      body: request.body,
      claims: claims ?? { visitorId: 0, databaseId: 0, user: '' },
      request,
      ...modifiers(plan),
    };
    const res = await op.run(ctx);
    if (terminal && terminal.phase === 'after' && terminal.kind !== 'tokenExpiry')
      return terminate(terminal, reply, engine, op.name);
    if (plan.truncate) return truncate(reply, engine, op.name, res, plan.truncate);
    return send(reply, engine, op.name, res);
  });
}

const modifiers = (plan: FaultPlan) => ({ phantom: plan.phantom, lateMs: plan.lateMs });

function send(reply: FastifyReply, engine: SimEngine, operation: string, res: SimResponse): FastifyReply {
  engine.count(operation, res.status);
  return reply.code(res.status).header('content-type', 'application/json; charset=utf-8').send(res.body);
}

/** Answer (or refuse to answer) as the fault says. */
export async function terminate(
  fault: ActiveFault,
  reply: FastifyReply,
  engine: SimEngine,
  operation: string,
): Promise<FastifyReply> {
  switch (fault.kind) {
    case 'http429':
      engine.count(operation, 429);
      return reply
        .code(429)
        .header('retry-after', '1')
        .type('text/plain; charset=utf-8')
        .send('Too Many Requests');
    case 'appError':
      engine.count(operation, 200);
      return reply.code(200).send(fail(500, faMessages.serverError) satisfies Envelope);
    case 'timeout':
      // Status 0 in the stats: no answer was ever sent.
      engine.count(operation, 0);
      return hang(reply, fault.ms);
    default: {
      const status = fault.status && fault.status >= 500 && fault.status <= 599 ? fault.status : 503;
      engine.count(operation, status);
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(`<html><body><h1>${status} Service Unavailable</h1></body></html>`);
    }
  }
}

/** Never answer: wait until the client gives up (or `ms` passes, then drop the connection). */
async function hang(reply: FastifyReply, ms?: number): Promise<FastifyReply> {
  reply.hijack();
  await new Promise<void>((resolve) => {
    const timer = ms ? setTimeout(resolve, ms) : undefined;
    reply.raw.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  reply.raw.destroy();
  return reply;
}

function truncate(
  reply: FastifyReply,
  engine: SimEngine,
  operation: string,
  res: SimResponse,
  fault: ActiveFault,
): FastifyReply {
  engine.count(operation, res.status);
  const full = Buffer.from(JSON.stringify(res.body), 'utf8');
  const half = full.subarray(0, Math.floor(full.length / 2));
  reply.hijack();
  const raw = reply.raw;
  const invalidJson = fault.mode === 'invalidJson';
  raw.writeHead(res.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': invalidJson ? half.length : full.length,
  });
  if (invalidJson) raw.end(half);
  else raw.write(half, () => raw.socket?.destroy());
  return reply;
}

export type SimRequest = FastifyRequest;
