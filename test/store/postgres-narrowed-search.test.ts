import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProductQuery } from '../../core/store/catalog-repo.js';
import { pgStorageForSuite } from '../support/pg-storage.js';
import { hasPostgres } from '../support/services.js';

/**
 * PostgreSQL: a search narrowed to a category or the stock flag walks those rows in the index when
 * they are few (migration 022's `search_key`), instead of reading each row from the table; a text too
 * long for the index is read from the table; past 50,000 narrowed rows the planner chooses as before.
 */
describe.skipIf(!hasPostgres)('PostgreSQL narrowed search', () => {
  const storage = pgStorageForSuite();
  beforeAll(async () => {
    // Read rows written directly, their counts after, as the rebuild does (the per-row trigger would
    // take most of a minute): category 1 holds 60,000 bags, category 3 20,000 more; category 2 a bag
    // whose text is too long for the index (out of stock) and a shoe.
    await storage().db.run('ALTER TABLE storefront_products DISABLE TRIGGER sf_read');
    const columns =
      'product_id, code, name, category_id, price, stock, featured, slug, search_text, in_stock';
    const bags = (from: number, to: number, category: number) =>
      storage().db.run(
        `INSERT INTO storefront_products (${columns}) SELECT i, i, 'کیف ' || i, ${category}, 1000, 1, 0, NULL, ` +
          `'کیف چرمی ' || i, 1 FROM generate_series(${from}, ${to}) i`,
      );
    await bags(1, 60_000, 1);
    await bags(60_001, 80_000, 3);
    await storage().db.run(
      `INSERT INTO storefront_products (${columns}) VALUES ` +
        `(80001, 80001, 'کیف رنگارنگ', 2, 1000, 0, 0, NULL, repeat('رنگ ', 400) || 'کیف', 0), ` +
        `(80002, 80002, 'کفش ورزشی', 2, 1000, 1, 0, NULL, 'کفش ورزشی', 1)`,
    );
    await storage().db.run('ALTER TABLE storefront_products ENABLE TRIGGER sf_read');
    await storage().db.run(
      'INSERT INTO storefront_counts (category_id, in_stock, n) SELECT category_id, in_stock, COUNT(*) ' +
        'FROM storefront_products GROUP BY category_id, in_stock',
    );
    await storage().db.run('VACUUM ANALYZE storefront_products');
  }, 120_000);

  /** The page, and the listing statement it ran. */
  const list = async (q: Partial<ProductQuery>) => {
    const spy = vi.spyOn(storage().db, 'query');
    try {
      const page = await storage().catalog.listProducts({ priceLevel: 1, limit: 20, ...q });
      const call = spy.mock.calls.find(([sql]) => sql.startsWith('SELECT sp.product_id AS id'));
      return { page, ids: page.items.map((p) => p.id), sql: call![0], params: call![1] ?? [] };
    } finally {
      spy.mockRestore();
    }
  };

  const planOf = async (sql: string, params: readonly unknown[]) => {
    const [row] = await storage().db.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      params,
    );
    const nodes: Record<string, unknown>[] = [];
    const walk = (n: Record<string, unknown>) => {
      nodes.push(n);
      for (const child of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    const plan = row['QUERY PLAN'];
    walk((Array.isArray(plan) ? plan[0] : JSON.parse(String(plan))[0]).Plan);
    return nodes;
  };

  it('finds a row whose text is too long for the index, by reading it from the table', async () => {
    const long = await list({ search: 'کیف', categoryId: 2 });
    expect(long.ids).toEqual([80001]);
    expect(long.page.total).toBe(1);
    expect(long.sql).toContain('search_key');
    expect((await list({ search: 'کیف', categoryId: 2, inStock: false })).ids).toEqual([80001]);
    expect((await list({ search: 'کیف', categoryId: 2, inStock: true })).ids).toEqual([]);
    expect((await list({ search: 'ورزشی', categoryId: 2 })).ids).toEqual([80002]);
  });

  it('pages a narrowed search with its cursor', async () => {
    const first = await list({ search: 'کیف', categoryId: 3, limit: 5 });
    expect(first.ids).toEqual([60001, 60002, 60003, 60004, 60005]);
    expect([first.page.total, first.page.totalExact]).toEqual([100, false]); // a search's count is capped
    const second = await list({ search: 'کیف', categoryId: 3, limit: 5, cursor: first.page.nextCursor! });
    expect(second.ids).toEqual([60006, 60007, 60008, 60009, 60010]);
  });

  it('walks a category the word never meets in the index, not the table', async () => {
    const rare = await list({ search: 'کفش', categoryId: 3 });
    expect(rare.ids).toEqual([]);
    expect(rare.page.total).toBe(0);
    const nodes = await planOf(rare.sql, rare.params);
    // What ran: the category's index alone (the page's own statement and its capped count), each
    // checking the 20,000 entries there and reading none of them from the table.
    const ran = nodes.filter((n) => String(n['Node Type']).includes('Scan') && Number(n['Actual Loops']) > 0);
    expect(ran.length).toBeGreaterThan(0);
    for (const n of ran) {
      expect(n['Node Type']).toBe('Index Only Scan');
      expect(n['Index Name']).toBe('storefront_products_category_id_product_id_key_idx');
      expect(Number(n['Heap Fetches'])).toBe(0);
      expect(Number(n['Rows Removed by Filter'])).toBe(20_000);
    }
  });

  it('leaves more than 50,000 narrowed rows to the planner', async () => {
    const big = await list({ search: 'کفش', categoryId: 1 });
    expect(big.ids).toEqual([]);
    expect(big.sql).not.toContain('search_key');
    expect((await list({ search: 'کیف', categoryId: 1, limit: 3 })).ids).toEqual([1, 2, 3]);
  });
});
