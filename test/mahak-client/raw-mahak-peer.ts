import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A tiny real HTTP server standing in for Mahak in the few cases the simulator cannot produce (a body
 * cut mid-way, a record that fails validation): it answers with the exact bytes a test asks for.
 */
export interface RawPeer {
  syncUrl: string;
  origin: string;
  /** Every request received, in order: operation name (last path segment), headers and raw body. */
  requests: { op: string; headers: Record<string, unknown>; body: Buffer }[];
  close(): Promise<void>;
}

export type RawHandler = (op: string, req: FastifyRequest, reply: FastifyReply, call: number) => unknown;

export async function startRawPeer(handler: RawHandler): Promise<RawPeer> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const requests: RawPeer['requests'] = [];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/*', async (req, reply) => {
    const op = req.url.split('?')[0].split('/').pop() ?? '';
    requests.push({ op, headers: req.headers, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) });
    return handler(op, req, reply, requests.filter((r) => r.op === op).length);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return { syncUrl: `${origin}/API/v3/Sync`, origin, requests, close: () => app.close() };
}

/** The login answer the peer gives by default (PascalCase, as the live server answers). */
export const loginOk = (token = 'eyJhbGciOiJIUzI1NiJ9.peer.sig') => ({
  Result: true,
  Code: 0,
  Message: null,
  Data: { UserToken: token, VisitorId: 7, DatabaseId: 4321, UserTitle: 'فروشگاه آزمایشی', SyncId: 0 },
});
