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

/**
 * Resolves true when the server is up; false to skip; throws when CI requires it. When required, a
 * server that is down is asked again for up to two minutes: the broker-restart suites stop RabbitMQ
 * for a few seconds while other files may be starting (they take the broker lock for their tests,
 * but this check runs when the file is imported).
 */
export async function serviceAvailable(
  name: 'postgres' | 'rabbitmq',
  patienceMs = 120_000,
): Promise<boolean> {
  const url = new URL(name === 'postgres' ? pgAdminUrl : amqpUrl);
  const port = Number(url.port || (name === 'postgres' ? 5432 : 5672));
  const deadline = Date.now() + (requireServices ? patienceMs : 0);
  for (;;) {
    if (await canConnect(url.hostname, port)) return true;
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (requireServices)
    throw new Error(`${name} is required (HAMGAM_REQUIRE_SERVICES=1) but not reachable at ${url.host}`);
  return false;
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
