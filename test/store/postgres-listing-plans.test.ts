import { beforeAll, describe, expect, it } from 'vitest';
import { pgStorageForSuite } from '../support/pg-storage.js';
import { hasPostgres } from '../support/services.js';
import { loadCatalog } from './persian-catalog.js';

/**
 * Listing pages on PostgreSQL keep one generic plan per statement (issue 9): the page size is written
 * into the SQL text from a few fixed sizes, where `LIMIT ?` made PostgreSQL plan every run again.
 * pg_prepared_statements counts the plans of the connection that ran them. And the statistics refresh
 * after a big pull vacuums the read table, whose dead rows every page fetched otherwise.
 */
describe.skipIf(!hasPostgres)('PostgreSQL listing plans', () => {
  const storage = pgStorageForSuite();
  beforeAll(async () => {
    await loadCatalog(storage());
    await storage().catalog.prepareScope({ priceLevel: 1 });
  });

  it('keeps generic plans for in-stock, category and unfiltered pages, whatever the limit', async () => {
    const { catalog } = storage();
    // One at a time: the pool hands back the same idle connection, whose statements are counted.
    for (let i = 0; i < 12; i++) {
      await catalog.listProducts({ priceLevel: 1, limit: 5 + (i % 3), inStock: i % 2 === 0 });
      await catalog.listProducts({ priceLevel: 1, limit: 20, categoryId: 1 + (i % 2) });
      await catalog.listProducts({ priceLevel: 1, limit: 20 });
    }
    const plans = await storage().db.transaction((tx) =>
      tx.query<{ statement: string; generic_plans: number; custom_plans: number }>(
        `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements ` +
          `WHERE statement LIKE '%FROM storefront_products sp%ORDER BY sp.product_id LIMIT %'`,
      ),
    );
    // Three texts (in-stock at page size 10, category and neither at 20), each run 12 times.
    expect(plans.map((p) => p.statement.slice(-8)).sort()).toEqual(['LIMIT 11', 'LIMIT 21', 'LIMIT 21']);
    for (const p of plans) {
      expect(Number(p.generic_plans), p.statement).toBeGreaterThanOrEqual(6);
      expect(Number(p.custom_plans), p.statement).toBeLessThanOrEqual(6);
    }
  });

  it('vacuums the read table when it refreshes the statistics after a big pull', async () => {
    // Every read row rewritten, as a pull that touches the whole catalogue does (delete and insert).
    await storage().db.run('UPDATE storefront_products SET stock = stock');
    await storage().refreshPlannerStatistics!();
    const [table] = await storage().db.query<{ relpages: number; relallvisible: number }>(
      "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'storefront_products'",
    );
    // Only VACUUM marks pages all-visible (ANALYZE reads the map); a page with a dead row is not.
    expect(Number(table.relpages)).toBeGreaterThan(0);
    expect(Number(table.relallvisible)).toBe(Number(table.relpages));
  });
});
