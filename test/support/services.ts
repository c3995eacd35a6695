import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Which external servers the integration suites can reach. With HAMGAM_REQUIRE_SERVICES=1 (CI) a
 * missing server fails the suite instead of skipping it.
 */
export const requireServices = process.env.HAMGAM_REQUIRE_SERVICES === '1';
export const pgAdminUrl = process.env.HAMGAM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const amqpUrl = process.env.HAMGAM_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export async function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Resolves true when the server is up; false to skip; throws when CI requires it. */
export async function serviceAvailable(name: 'postgres' | 'rabbitmq'): Promise<boolean> {
  const url = new URL(name === 'postgres' ? pgAdminUrl : amqpUrl);
  const ok = await canConnect(url.hostname, Number(url.port || (name === 'postgres' ? 5432 : 5672)));
  if (!ok && requireServices)
    throw new Error(`${name} is required (HAMGAM_REQUIRE_SERVICES=1) but not reachable at ${url.host}`);
  return ok;
}

export const hasPostgres = await serviceAvailable('postgres');
export const hasRabbitMq = await serviceAvailable('rabbitmq');

/** A fresh, uniquely named database; drop it with the returned function. */
export async function createTestPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hamgam_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
