import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

/**
 * Found by the chaos runner (bench/chaos) restarting PostgreSQL under `hamgam sync`: a transaction's
 * connection ended by the server between two of its queries crashed the whole process with an
 * uncaught 'error' event. The same happens to `hamgam serve` on a restart, a failover or a DBA's
 * pg_terminate_backend. Now the transaction fails, the process lives, the next transaction works.
 */
describe.skipIf(!hasPostgres)('PostgreSQL connection lost inside a transaction', () => {
  let db: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let admin: pg.Client;
  beforeAll(async () => {
    db = await createTestPgDatabase();
    storage = createStorage(db.url, createSilentLogger());
    await storage.init();
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await storage.close();
    await db.drop();
  });

  it('fails the transaction, not the process', async () => {
    const uncaught: Error[] = [];
    const listener = (e: Error) => uncaught.push(e);
    // vitest reports uncaught errors itself; listen first so the test can assert on it.
    process.prependListener('uncaughtException', listener);
    try {
      const lost = storage.db.transaction(async (tx) => {
        const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((r) => setTimeout(r, 300));
        await tx.query('SELECT 1');
      });
      await expect(lost).rejects.toThrow();
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(uncaught.map((e) => e.message)).toEqual([]);
    expect(await storage.db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).toEqual([
      { one: 1 },
    ]);
  });
});
