import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledEntityName } from '../../core/contracts/mahak-wire.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { storefrontDrift } from '../support/storefront-referee.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { laterRv, persianCatalog, publishedIds } from './persian-catalog.js';

/**
 * A first load builds the storefront read rows once, when its run has applied every page, instead of
 * with each page (pull-storefront-refresh.ts); until then the rows are owed (storefront_state.bulk),
 * which the storefront and the next start or pull see. Pages outside such a run refresh as before.
 */
const drivers = hasPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(drivers)('storefront read rows of a first load on %s', (driver) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let seq = 0;

  beforeEach(async () => {
    if (driver === 'postgres') {
      const database = await createTestPgDatabase();
      storage = createStorage(database.url, createSilentLogger());
      cleanup = async () => (await storage.close(), await database.drop());
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'hamgam-first-load-'));
      storage = createStorage(`sqlite:${join(dir, 'hamgam.db')}`, createSilentLogger());
      cleanup = async () => (await storage.close(), rmSync(dir, { recursive: true, force: true }));
    }
    await storage.init();
  }, 60_000);
  afterEach(() => cleanup?.());

  const startRun = (id: string) =>
    storage.recordRun({ id, kind: 'pull', startedAt: Date.now(), status: 'running', stats: {} });
  const apply = (runId: string, entity: PulledEntityName, records: Record<string, unknown>[], defer = true) =>
    storage.applyPullPage({
      runId,
      seq: ++seq,
      entity,
      records,
      checkpoint: Math.max(...records.map((r) => Number(r.RowVersion))),
      prevSeq: -1,
      ...(defer && { deferStorefront: true }),
    });
  const loadAll = async (runId: string, defer = true) => {
    for (const [entity, records] of Object.entries(persianCatalog()))
      await apply(runId, entity as PulledEntityName, records, defer);
  };

  it('leaves the read rows owed while the run goes on, then builds them all at once', async () => {
    expect(await storage.isFirstStorefrontLoad!()).toBe(true);
    await startRun('first');
    await loadAll('first');
    expect(await storage.db.query('SELECT product_id FROM storefront_products')).toEqual([]);
    expect((await storefrontDrift(storage.db)).owed).toBe(true);
    // Not served half-built: a storefront that had not seen the rows yet says they are being prepared.
    await expect(storage.catalog.listProducts({ limit: 5, priceLevel: 1 })).rejects.toMatchObject({
      code: 'CATALOGUE_PREPARING',
    });

    expect(await storage.completeStorefrontRows!()).toBe(true);
    expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
    const listed = await storage.catalog.listProducts({ limit: 100, priceLevel: 1 });
    expect(listed.items.map((p) => p.id)).toEqual(publishedIds);
    expect(await storage.isFirstStorefrontLoad!()).toBe(false);
    expect(await storage.completeStorefrontRows!()).toBe(false);
  });

  it('writers outside the pull refresh the rows again once they are built (SQLite drops its triggers meanwhile)', async () => {
    const sourceTriggers = async () =>
      driver === 'sqlite'
        ? (
            await storage.db.query<{ name: string }>(
              "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'sf_read_%' ORDER BY name",
            )
          ).map((r) => r.name)
        : [];
    const present = await sourceTriggers();
    await startRun('first');
    await loadAll('first');
    // While the rows are owed the triggers would only check the flag on every row the load writes.
    expect(await sourceTriggers()).toEqual([]);
    expect(await storage.completeStorefrontRows!()).toBe(true);
    expect(await sourceTriggers()).toEqual(present);
    // Staff or checkout writing the source tables directly: the read rows follow in the same statement.
    await storage.db.run('UPDATE variants SET price1 = 8800000 WHERE id = 1031');
    await storage.db.run(
      "INSERT INTO product_web (product_id, featured, slug, updated_at, updated_by) VALUES (103, 1, 'pirahan', 1, 'مدیر')",
    );
    expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
    expect(
      await storage.db.query('SELECT price, featured, slug FROM storefront_products WHERE product_id = 103'),
    ).toEqual([{ price: 8_800_000, featured: 1, slug: 'pirahan' }]);
  });

  it('refreshes with each page once the run has ended, and keeps owing a rebuild still owed', async () => {
    await startRun('first');
    await loadAll('first');
    await storage.recordRun({ id: 'first', kind: 'pull', startedAt: 1, status: 'failed', stats: {} });
    // A page of the ended run (a dead letter retried later) has no run end to wait for.
    await apply('first', 'ProductDetails', [
      {
        ProductDetailId: 1031,
        ProductDetailCode: 1031,
        ProductId: 103,
        Price1: 7_000_000,
        RowVersion: laterRv(),
      },
    ]);
    const drift = await storefrontDrift(storage.db);
    expect(drift.owed).toBe(true);
    expect(await storage.db.query('SELECT price FROM storefront_products WHERE product_id = 103')).toEqual([
      { price: 7_000_000 },
    ]);
    expect(await storage.completeStorefrontRows!()).toBe(true);
    expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
  });

  it('a later pull refreshes page by page and owes nothing', async () => {
    await loadAll('fixture', false);
    expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
    expect(await storage.isFirstStorefrontLoad!()).toBe(false);
    await startRun('next');
    await apply(
      'next',
      'ProductDetailStoreAssets',
      [
        {
          ProductDetailStoreAssetId: 212,
          ProductDetailId: 2121,
          StoreId: 1,
          Count1: 9,
          Count2: 0,
          RowVersion: laterRv(),
        },
      ],
      false,
    );
    expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
  });
});
