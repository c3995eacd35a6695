import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createSqlDb, createStorage } from '../../core/store/create-storage.js';
import { runMigrations } from '../../core/store/migrate.js';
import { migrations } from '../../core/store/migrations/index.js';
import type { Storage } from '../../core/store/storage.js';
import { storefrontDrift } from '../support/storefront-referee.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

const logger = createSilentLogger();

/**
 * Migration 023 on a database that already shows products: their pages are kept from the upgrade on,
 * and the source tables' triggers, made again, keep them when another writer changes a product.
 */
const stacks = [
  ['sqlite', true],
  ['postgres', hasPostgres],
] as const;

describe.each(stacks)(
  'migration 023 (product pages) on a %s database with a catalogue',
  (stack, available) => {
    let storage: Storage;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      if (!available) return;
      const { url, drop } = await databaseFor(stack);
      const db = createSqlDb(url, logger);
      await db.init();
      await runMigrations(
        db,
        logger,
        migrations.filter((m) => m.id < 23),
      );
      await db.run('UPDATE storefront_state SET store_id = 1, price_level = 1 WHERE id = 1');
      // Written row by row, as a desk edit or a checkout would: migration 015's triggers keep the read rows.
      for (const [id, name, price, count] of [
        [1, 'کیف چرمی مشکی', 2_500_000, 4],
        [2, 'كفش ورزشي', 4_100_000, 0],
      ] as const) {
        await db.run(
          "INSERT INTO products (id, row_version, code, category_id, name, unit_name, description, search_text, raw) VALUES (?, ?, ?, 1, ?, 'عدد', 'دوخت دست', ?, '{}')",
          [id, id, id, name, name],
        );
        await db.run(
          "INSERT INTO variants (id, row_version, code, product_id, barcode, properties, price1, search_text, raw) VALUES (?, ?, ?, ?, ?, 'رنگ مشکی', ?, '', '{}')",
          [id * 10, id, id * 10, id, `626${id}`, price],
        );
        await db.run(
          "INSERT INTO visitor_products (id, row_version, variant_id, visitor_id, raw) VALUES (?, ?, ?, 1, '{}')",
          [id, id, id * 10],
        );
        await db.run(
          "INSERT INTO stock (id, row_version, variant_id, store_id, count1, raw) VALUES (?, ?, ?, 1, ?, '{}')",
          [id, id, id * 10, count],
        );
      }
      await db.close();
      storage = createStorage(url, logger);
      await storage.init();
      cleanup = drop;
    });
    afterAll(async () => {
      await storage?.close();
      await cleanup?.();
    });

    it.runIf(available)('keeps the pages of the products it found', async () => {
      expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
      const pages = await storage.db.query<{ product_id: number }>(
        'SELECT product_id FROM storefront_pages ORDER BY product_id',
      );
      expect(pages.map((p) => Number(p.product_id))).toEqual([1, 2]);
      expect(await storage.catalog.getProduct(1, { priceLevel: 1, storeId: 1 })).toMatchObject({
        name: 'کیف چرمی مشکی',
        description: 'دوخت دست',
        unitName: 'عدد',
        price: 2_500_000,
        stock: 4,
        variants: [{ id: 10, code: 10, barcode: '6261', properties: 'رنگ مشکی', price: 2_500_000, stock: 4 }],
      });
    });

    it.runIf(available)('keeps them through the triggers made again', async () => {
      await storage.db.run('UPDATE stock SET count1 = 7 WHERE id = 2');
      await storage.db.run('UPDATE variants SET price1 = 3900000 WHERE id = 20');
      expect(await storefrontDrift(storage.db)).toEqual({ owed: false, differing: [] });
      const [kept] = await storage.db.query<{ page: string }>(
        'SELECT page FROM storefront_pages WHERE product_id = 2',
      );
      expect(JSON.parse(kept.page)).toMatchObject({
        name: 'كفش ورزشي',
        variants: [[20, 20, '6262', 'رنگ مشکی', 3_900_000, 7]],
      });
    });
  },
);

async function databaseFor(
  stack: 'sqlite' | 'postgres',
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (stack === 'postgres') return createTestPgDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-pages-'));
  return {
    url: `sqlite:${join(dir, 'shop.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
