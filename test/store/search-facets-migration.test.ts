import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePersian } from '../../core/domain/persian.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createSqlDb, createStorage } from '../../core/store/create-storage.js';
import { runMigrations } from '../../core/store/migrate.js';
import { migrations } from '../../core/store/migrations/index.js';
import type { Storage } from '../../core/store/storage.js';

const logger = createSilentLogger();

/**
 * Migration 022 on a SQLite database that already has read rows: the FTS5 table is made again with
 * the facets column, filled from the read rows, and the read rows' insert trigger keeps it from then on.
 */
describe('migration 022 (search facets) on a SQLite database with a catalogue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-facets-'));
  const file = join(dir, 'shop.db');
  let storage: Storage;
  beforeAll(async () => {
    const db = createSqlDb(`sqlite:${file}`, logger);
    await db.init();
    await runMigrations(
      db,
      logger,
      migrations.filter((m) => m.id < 22),
    );
    // Read rows as migration 015's triggers indexed them: the search text alone.
    const rows: [number, string, number, number][] = [
      [1, 'کیف چرمی مشکی', 1, 1],
      [2, 'کیف پارچه ای', 2, 0],
      [3, 'کفش ورزشی', 2, 1],
      [4, 'کیف مدرسه', 2, 1],
    ];
    for (const [id, text, categoryId, inStock] of rows)
      await db.run(
        'INSERT INTO storefront_products (product_id, code, name, category_id, price, stock, featured, slug, search_text, in_stock) ' +
          'VALUES (?, ?, ?, ?, 1000000, ?, 0, NULL, ?, ?)',
        [id, id, text, categoryId, inStock * 5, normalisePersian(text), inStock],
      );
    await db.close();
    storage = createStorage(`sqlite:${file}`, logger);
    await storage.init();
  });
  afterAll(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (q: { search: string; categoryId?: number; inStock?: boolean }) =>
    (
      await storage.catalog.listProducts({
        priceLevel: 1,
        limit: 20,
        ...q,
        search: normalisePersian(q.search),
      })
    ).items.map((p) => p.id);

  it('narrows the searches of the rows it found', async () => {
    expect(await ids({ search: 'کیف' })).toEqual([1, 2, 4]);
    expect(await ids({ search: 'کیف', categoryId: 2 })).toEqual([2, 4]);
    expect(await ids({ search: 'کیف', categoryId: 2, inStock: true })).toEqual([4]);
    expect(await ids({ search: 'کیف', inStock: false })).toEqual([2]);
    expect(await ids({ search: 'کفش', categoryId: 1 })).toEqual([]);
  });

  it('indexes the rows written after it with their facets', async () => {
    await storage.db.run(
      'INSERT INTO storefront_products (product_id, code, name, category_id, price, stock, featured, slug, search_text, in_stock) ' +
        "VALUES (5, 5, 'کیف پول', 1, 500000, 0, 0, NULL, ?, 0)",
      [normalisePersian('کیف پول')],
    );
    expect(await ids({ search: 'کیف', categoryId: 1, inStock: false })).toEqual([5]);
    expect(await ids({ search: 'کیف', categoryId: 1 })).toEqual([1, 5]);
  });
});
