import type { FastifyPluginAsync } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { SyncStreamEvent } from '../../contracts/admin-sync.js';
import type { SyncDesk } from '../../sync/sync-desk.js';

/** Proxies drop a silent connection after a minute or so; a comment line keeps it open. */
const heartbeatMs = 15_000;

/**
 * GET /admin/api/sync/events: the run's progress as Server-Sent Events. The snapshot (the run going
 * on, or the last one this process ran, or null) comes first, so a reloaded page picks the progress up
 * again; then coalesced `progress` deltas and `finished`. The stream stays open across runs (a new run
 * starts with a new `snapshot`). Authorised like every admin route (Authorization header: the desk
 * reads the stream with fetch, not EventSource, which cannot send one).
 */
export function syncEventsRoute(desk: SyncDesk): FastifyPluginAsync {
  return async (app) => {
    const open = new Set<ServerResponse>();
    // Server shutdown waits for open requests; an event stream never ends by itself.
    app.addHook('preClose', async () => {
      for (const res of open) res.end();
    });

    app.get(
      '/admin/api/sync/events',
      { schema: { tags: ['admin'], summary: 'Live sync progress (text/event-stream)' } },
      (request, reply) => {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        const send = (event: SyncStreamEvent) =>
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        open.add(res);
        send({ type: 'snapshot', run: desk.tracker.snapshot() });
        const off = desk.tracker.subscribe(send);
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
        res.on('close', () => {
          off();
          clearInterval(heartbeat);
          open.delete(res);
        });
      },
    );
  };
}
