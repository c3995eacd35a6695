import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { LocalQueue, type LocalQueueOptions } from '../../core/queue/local-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { runMigrations } from '../../core/store/migrate.js';
import type { SqlDb } from '../../core/store/sql-db.js';
import { createSqlDb } from '../../core/store/create-storage.js';
import { createTestPgDatabase } from '../support/services.js';
import type { DeadLetter, QueueHarness } from './queue-contract.js';

export type LocalHarness = QueueHarness & { openDb(): Promise<SqlDb> };
type Tuning = Partial<Pick<LocalQueueOptions, 'pollIntervalMs' | 'leaseMs'>>;

/**
 * Each open() is a new database connection + LocalQueue over the same database, as after a restart;
 * closing the queue closes its connection too.
 */
export function localHarness(
  connect: () => SqlDb,
  dispose: () => Promise<void>,
  tuning: Tuning = {},
): LocalHarness {
  const logger = createSilentLogger();
  const deadLetters: DeadLetter[] = [];
  const dbs: SqlDb[] = [];
  const openDb = async () => {
    const db = connect();
    await db.init();
    await runMigrations(db, logger);
    dbs.push(db);
    return db;
  };
  return {
    deadLetters,
    openDb,
    async open(): Promise<Queue> {
      const db = await openDb();
      const queue = new LocalQueue({
        db,
        logger,
        deadLetters: async (l) => void deadLetters.push(l),
        ...tuning,
      });
      await queue.init();
      return withDbClose(queue, db);
    },
    async cleanup() {
      for (const db of dbs) await db.close().catch(() => undefined);
      await dispose();
    },
  };
}

function withDbClose(queue: LocalQueue, db: SqlDb): Queue {
  return {
    kind: queue.kind,
    init: () => queue.init(),
    ping: () => queue.ping(),
    publish: (t, m) => queue.publish(t, m),
    consume: (t, h, o) => queue.consume(t, h, o),
    depth: (t) => queue.depth(t),
    close: async () => {
      await queue.close();
      await db.close();
    },
  };
}

export type Backend = 'sqlite' | 'postgres';

/** SQLite on a temp file, or a fresh PostgreSQL database dropped afterwards. */
export async function backendHarness(backend: Backend, tuning: Tuning = {}): Promise<LocalHarness> {
  if (backend === 'postgres') {
    const pg = await createTestPgDatabase();
    return localHarness(() => createSqlDb(pg.url, createSilentLogger()), pg.drop, tuning);
  }
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-queue-'));
  const url = `sqlite:${join(dir, 'store.db')}`;
  return localHarness(
    () => createSqlDb(url, createSilentLogger()),
    async () => rmSync(dir, { recursive: true, force: true }),
    tuning,
  );
}
