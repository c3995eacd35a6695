import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHamgamError } from '../../core/errors.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createSqlDb, createStorage } from '../../core/store/create-storage.js';
import { migrateData, planCopy, verifyTables } from '../../core/store/data-migration.js';
import { describeTables } from '../../core/store/schema-introspect.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { runCli } from './cli-process.js';
import { loadCatalog } from './persian-catalog.js';

const logger = createSilentLogger();
const errorCode = (e: unknown) => (isHamgamError(e) ? e.code : e);

describe.skipIf(!hasPostgres)('migrate-data sqlite -> postgres', () => {
  let dir: string;
  let sqliteUrl: string;
  let pg: { url: string; drop: () => Promise<void> };
  let source: Storage;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-migrate-data-'));
    sqliteUrl = `sqlite:${join(dir, 'hamgam.db')}`;
    source = createStorage(sqliteUrl, logger);
    await source.init();
    await loadCatalog(source);
    for (let i = 0; i < 3; i++) {
      await source.addDeadLetter({
        source: 'pull',
        kind: 'People',
        payload: { PersonId: i, FirstName: 'مريم' },
        reason: 'VALIDATION_FAILED',
        attempts: 5,
        history: [{ at: i, error: 'خطا' }],
      });
    }
    await source.deleteDeadLetter(2); // a gap in the ids must survive the copy
    await source.recordRun({
      id: 'run-1',
      kind: 'pull',
      startedAt: 1,
      finishedAt: 2,
      status: 'ok',
      stats: { Products: 37 },
    });
    pg = await createTestPgDatabase();
  });

  afterEach(async () => {
    await source.close();
    await pg.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (url: string) => {
    const db = createSqlDb(url, logger);
    await db.init();
    return db;
  };

  it('copies every table and verifies counts and checksums; the copy serves the same catalogue', async () => {
    const target = await open(pg.url);
    try {
      const results = await migrateData(source.db, target, { logger, batchSize: 7 });
      expect(results.every((r) => r.ok)).toBe(true);
      const byTable = Object.fromEntries(results.map((r) => [r.table, r]));
      for (const table of [
        'products',
        'variants',
        'visitor_products',
        'stock',
        'pictures',
        'checkpoints',
        'pull_pages',
        'dead_letters',
        'sync_runs',
      ]) {
        expect(byTable[table]?.sourceRows, table).toBeGreaterThan(0);
      }
      expect(byTable.products.targetRows).toBe(37);
      expect(byTable.schema_migrations).toBeUndefined();
    } finally {
      await target.close();
    }
    const copy = createStorage(pg.url, logger);
    await copy.init();
    try {
      const query = { limit: 100, priceLevel: 1, search: 'کفش' };
      expect(await copy.catalog.listProducts(query)).toEqual(await source.catalog.listProducts(query));
      expect(await copy.catalog.getProduct(101, { priceLevel: 2 })).toEqual(
        await source.catalog.getProduct(101, { priceLevel: 2 }),
      );
      expect(await copy.getCheckpoints()).toEqual(await source.getCheckpoints());
      expect(await copy.listDeadLetters()).toEqual(await source.listDeadLetters());
      expect(await copy.listRuns(5)).toEqual(await source.listRuns(5));
      // The identity sequence moved past the copied ids.
      expect(
        await copy.addDeadLetter({ source: 'push', kind: 'order', payload: {}, reason: 'x', attempts: 1 }),
      ).toBe(4);
    } finally {
      await copy.close();
    }
  });

  it('copies back from postgres to a new sqlite file just as well', async () => {
    const pgDb = await open(pg.url);
    const back = await open(`sqlite:${join(dir, 'back', 'hamgam.db')}`);
    try {
      await migrateData(source.db, pgDb, { logger });
      const results = await migrateData(pgDb, back, { logger, batchSize: 5 });
      expect(results.filter((r) => !r.ok)).toEqual([]);
      // Same bytes where it matters: the raw payloads read back equal (key order aside).
      const raw = async (db: typeof back) =>
        (await db.query<{ raw: string }>('SELECT raw FROM products ORDER BY id')).map(
          (r) => JSON.parse(r.raw) as unknown,
        );
      expect(await raw(back)).toEqual(await raw(source.db));
    } finally {
      await back.close();
      await pgDb.close();
    }
  });

  it('refuses a non-empty target unless forced, and the checksum catches a difference', async () => {
    const target = await open(pg.url);
    try {
      await migrateData(source.db, target, { logger });
      await expect(migrateData(source.db, target, { logger }).catch(errorCode)).resolves.toBe(
        'STORAGE_TARGET_NOT_EMPTY',
      );
      await target.run("UPDATE products SET name = 'دستکاری' WHERE id = 103");
      await target.run('DELETE FROM dead_letters WHERE id = 1');
      const plans = planCopy(await describeTables(source.db), await describeTables(target));
      const bad = (await verifyTables(source.db, target, plans)).filter((r) => !r.ok);
      expect(bad.map((r) => [r.table, r.sourceRows, r.targetRows])).toEqual([
        ['dead_letters', 2, 1],
        ['products', 37, 37],
      ]);
      const forced = await migrateData(source.db, target, { logger, force: true });
      expect(forced.every((r) => r.ok)).toBe(true);
    } finally {
      await target.close();
    }
  });

  it("refuses a source that is not on this build's schema", async () => {
    const empty = await open(`sqlite:${join(dir, 'empty.db')}`);
    const target = await open(pg.url);
    try {
      await expect(migrateData(empty, target, { logger }).catch(errorCode)).resolves.toBe(
        'STORAGE_SCHEMA_MISMATCH',
      );
    } finally {
      await empty.close();
      await target.close();
    }
  });

  it('runs as `hamgam migrate-data` and prints a verified table', async () => {
    await source.close(); // as an operator would: Hamgam stopped while copying
    const ok = await runCli(['migrate-data', '--from', sqliteUrl, '--to', pg.url]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/products\s+37\s+37\s+[0-9a-f]{16}\s+ok/);
    expect(ok.stdout).toContain('tables copied and verified');
    const again = await runCli(['migrate-data', '--from', sqliteUrl, '--to', pg.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('STORAGE_TARGET_NOT_EMPTY');
    const forced = await runCli(['migrate-data', '--from', sqliteUrl, '--to', pg.url, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    source = createStorage(sqliteUrl, logger);
    await source.init();
    // Three cold CLI processes (tsx compiles the app each time): 32 s on a loaded 2-core machine.
  }, 120_000);
});
