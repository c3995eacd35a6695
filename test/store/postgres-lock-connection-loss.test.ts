import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { PostgresLocks } from '../../core/store/postgres-lock.js';
import { hasPostgres, pgAdminUrl } from '../support/services.js';

/**
 * Chaos seed 140307 (docs/reliability.md): a `hamgam push --loop` died while PostgreSQL restarted
 * under it. Taking a lock opens a connection of its own, and the server ending that connection before
 * the lock was had (a restart, a failover, pg_terminate_backend) emitted 'error' on a client nobody
 * listened to yet: an uncaught exception, the process gone. Now the attempt fails like any lost
 * connection and the process lives.
 */

/** A loopback proxy to PostgreSQL that cuts every connection the moment a client sends `marker`. */
async function cuttingProxy(marker: string): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(pgAdminUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes(marker)) {
        client.destroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(pgAdminUrl);
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!hasPostgres)('a lock whose connection is lost while it is being taken', () => {
  let proxy: Awaited<ReturnType<typeof cuttingProxy>> | undefined;
  afterEach(async () => proxy?.close());

  it('fails the attempt, not the process, and the next attempt works', async () => {
    proxy = await cuttingProxy('pg_try_advisory_lock');
    let target = proxy.url;
    const locks = new PostgresLocks(() => new pg.Client({ connectionString: target }), createSilentLogger());
    const uncaught: Error[] = [];
    const listener = (e: Error) => uncaught.push(e);
    // vitest reports uncaught errors itself; listen first so the test can assert on it.
    process.prependListener('uncaughtException', listener);
    try {
      await expect(locks.tryAcquire('chaos-140307', 'pusher')).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(uncaught.map((e) => e.message)).toEqual([]);
    target = pgAdminUrl; // the server is back
    expect(await locks.tryAcquire('chaos-140307', 'pusher')).toBe(true);
    await locks.releaseAll();
  });
});
