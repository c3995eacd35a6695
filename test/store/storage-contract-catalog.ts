import { beforeEach, describe, expect, it } from 'vitest';
import { isHamgamError } from '../../core/errors.js';
import { normalisePersian } from '../../core/domain/persian.js';
import type { ProductQuery } from '../../core/store/catalog-repo.js';
import { applyRecords, laterRv, loadCatalog, publishedIds } from './persian-catalog.js';
import type { ContractContext } from './storage-contract.js';

export function catalogContract(ctx: ContractContext): void {
  describe('catalogue queries', () => {
    const catalog = () => ctx.storage().catalog;
    // The scope is prepared first, as the server does at start-up and on a settings change: a listing
    // for a scope nobody prepared is refused (CATALOGUE_PREPARING), never rebuilt inside the request.
    const list = async (q: Partial<ProductQuery> = {}) => {
      const query = { limit: 100, priceLevel: 1, ...q };
      await catalog().prepareScope(query);
      return catalog().listProducts(query);
    };
    const ids = async (q: Partial<ProductQuery> = {}) => (await list(q)).items.map((p) => p.id);

    beforeEach(async () => {
      await loadCatalog(ctx.storage());
    });

    it('pages with a cursor: stable, complete, no repeats, with the total', async () => {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await list({ limit: 7, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(publishedIds.length);
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(publishedIds);
      expect(pages).toBe(Math.ceil(publishedIds.length / 7));
    });

    it('rejects a forged cursor with VALIDATION_FAILED', async () => {
      const error = await list({ cursor: 'not-a-cursor' }).catch((e: unknown) => e);
      expect(isHamgamError(error) && error.code).toBe('VALIDATION_FAILED');
    });

    it('prices at the configured level over published variants only (rial) and sums their stock', async () => {
      const [nike] = (await list({ limit: 1 })).items;
      // Variant 1013 is cheaper but not assigned to our visitor, so it is not sold.
      expect(nike).toMatchObject({
        id: 101,
        name: 'كفش ورزشي نايك',
        categoryId: 1,
        price: 23_500_000,
        stock: 10,
        inStock: true,
      });
      expect((await list({ limit: 1, priceLevel: 2 })).items[0].price).toBe(22_000_000);
    });

    it('lists picture ids in display order, without deleted pictures or links', async () => {
      const page = await list({ limit: 10 });
      expect(page.items.find((p) => p.id === 101)?.pictureIds).toEqual([502, 501]);
      expect(page.items.find((p) => p.id === 106)?.pictureIds).toEqual([]);
    });

    it('finds Persian text whatever the ي/ی and ك/ک spelling or the digits', async () => {
      for (const search of ['کفش', 'كفش', 'ورزشی نایک', 'كفش ورزشي']) {
        expect(await ids({ search: normalisePersian(search) })).toEqual(
          search.includes('ورز') ? [101] : [101, 102],
        );
      }
      expect(await ids({ search: normalisePersian('۲۰ لیتری') })).toEqual([106]);
      expect(await ids({ search: normalisePersian('کوله‌پشتی') })).toEqual([106]);
      // By barcode and product code; the unassigned variant's barcode finds nothing.
      expect(await ids({ search: '6260001021' })).toEqual([102]);
      expect(await ids({ search: '1103' })).toEqual([103]);
      expect(await ids({ search: '6260001013' })).toEqual([]);
      expect(await ids({ search: 'جوراب' })).toEqual([]); // deleted product
      expect(await ids({ search: '%' })).toEqual([]); // a LIKE wildcard is matched literally
      expect(await ids({ search: normalisePersian('کالای شماره ۲۱۷') })).toEqual([217]);
      // A search pages like the full list.
      const first = await list({ search: normalisePersian('كالاي'), limit: 20 });
      expect(first.total).toBe(30);
      const second = await list({ search: normalisePersian('كالاي'), limit: 20, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((p) => p.id)).toEqual(
        publishedIds.filter((id) => id > 200),
      );
      expect(second.nextCursor).toBeNull();
    });

    it('filters by category and by stock', async () => {
      expect(await ids({ categoryId: 1 })).toEqual([101, 102]);
      const inStock = await list({ inStock: true });
      const expectedInStock = [101, 103, 106, ...publishedIds.filter((id) => id > 200 && id % 3 !== 0)];
      expect(inStock.items.map((p) => p.id)).toEqual(expectedInStock);
      expect(inStock.total).toBe(expectedInStock.length);
      expect(inStock.items.every((p) => p.inStock && p.stock > 0)).toBe(true);
      expect(await ids({ inStock: true, categoryId: 1 })).toEqual([101]);
      const outOfStock = await list({ inStock: false });
      expect(outOfStock.items.map((p) => p.id)).toEqual(
        publishedIds.filter((id) => !expectedInStock.includes(id)),
      );
      expect(outOfStock.total + inStock.total).toBe(publishedIds.length);
      expect(outOfStock.items.every((p) => !p.inStock && p.stock === 0)).toBe(true);
    });

    it('narrows a search to a category and to stock, and follows a product moved or sold out', async () => {
      // Every combination finds what the search alone finds, filtered, with its total.
      const expectNarrowed = async (search: string) => {
        const matches = (await list({ search })).items;
        for (const categoryId of [undefined, 1, 2, 3, 99])
          for (const inStock of [undefined, true, false]) {
            const page = await list({ search, categoryId, inStock });
            const expected = matches
              .filter((p) => categoryId === undefined || p.categoryId === categoryId)
              .filter((p) => inStock === undefined || p.inStock === inStock)
              .map((p) => p.id);
            expect(
              page.items.map((p) => p.id),
              `${search} ${categoryId} ${inStock}`,
            ).toEqual(expected);
            expect(page.total).toBe(expected.length);
          }
      };
      // Three letters and more go to the search index; 'ای' (two) is checked row by row.
      for (const search of ['کفش', 'كالاي', 'شماره ۲۱', 'نايك', 'ای', 'کیف'])
        await expectNarrowed(normalisePersian(search));
      expect(await ids({ search: normalisePersian('کفش'), categoryId: 2 })).toEqual([]);

      // Product 102 moves to category 2; 106 sells its last unit.
      await applyRecords(ctx.storage(), 'Products', [
        {
          ProductId: 102,
          ProductCode: 1102,
          ProductCategoryId: 2,
          Name: 'کفش مجلسی چرم',
          RowVersion: laterRv(),
        },
      ]);
      const lastUnit = { ProductDetailStoreAssetId: 8, ProductDetailId: 1061, StoreId: 1, Count2: 0 };
      await applyRecords(ctx.storage(), 'ProductDetailStoreAssets', [
        { ...lastUnit, Count1: 0, RowVersion: laterRv() },
      ]);
      expect(await ids({ search: normalisePersian('کفش'), categoryId: 1 })).toEqual([101]);
      expect(await ids({ search: normalisePersian('کفش'), categoryId: 2 })).toEqual([102]);
      expect(await ids({ search: normalisePersian('۲۰ لیتری'), inStock: true })).toEqual([]);
      expect(await ids({ search: normalisePersian('۲۰ لیتری'), inStock: false })).toEqual([106]);
      await expectNarrowed(normalisePersian('کفش'));
    });

    it('counts stock in the configured store only when one is set', async () => {
      const stockOf = async (storeId?: number) =>
        (await list({ limit: 1, ...(storeId === undefined ? {} : { storeId }) })).items[0].stock;
      expect([await stockOf(), await stockOf(1), await stockOf(2), await stockOf(99)]).toEqual([10, 3, 7, 0]);
      expect(await ids({ inStock: true, storeId: 2, categoryId: 1 })).toEqual([101]);
      expect(await ids({ inStock: true, storeId: 1 })).not.toContain(103);
    });

    it('gets one product with its published variants, each with price and stock', async () => {
      const nike = await catalog().getProduct(101, { priceLevel: 1, storeId: 2 });
      expect(nike).toMatchObject({
        id: 101,
        description: 'توضیحات كفش ورزشي نايك',
        unitName: 'عدد',
        price: 23_500_000,
        stock: 7,
      });
      expect(nike?.variants).toEqual([
        { id: 1011, code: 1011, barcode: '6260001011', properties: 'سایز ۴۲', price: 25_000_000, stock: 2 },
        { id: 1012, code: 1012, barcode: '6260001012', properties: 'سایز ۴۳', price: 23_500_000, stock: 5 },
      ]);
      expect(nike?.pictureIds).toEqual([502, 501]);
      for (const hidden of [104, 105, 107, 999])
        expect(await catalog().getProduct(hidden, { priceLevel: 1 })).toBeUndefined();
      const variants = await catalog().getVariants([1011, 1013, 1071, 1031], { priceLevel: 2 });
      expect(variants.map((v) => [v.id, v.productId, v.price])).toEqual([
        [1011, 101, 24_000_000],
        [1031, 103, 8_500_000],
      ]);
    });

    it('answers product pages from their kept rows as the source tables would, live when a kept row cannot', async () => {
      const db = ctx.storage().db;
      const scope = { priceLevel: 1, storeId: 2 };
      await catalog().prepareScope(scope);
      const now = Date.now();
      const deadline = now + 3_600_000;
      // An unpaid online order holds two of 1012 until its payment deadline, and one of 1011 for good.
      await db.run(
        'INSERT INTO orders (id, customer_id, status, payment_method, items_total, tax_total, charge_total, ' +
          'shipping_cost, total, shipping_address, order_seq, sync_status, created_at, updated_at) ' +
          "VALUES ('o-page', 'c-page', 'awaiting_payment', 'online', 0, 0, 0, 0, 0, '{}', 990001, 'pending', ?, ?)",
        [now, now],
      );
      const reserve =
        'INSERT INTO stock_reservations (order_id, variant_id, store_id, quantity, expires_at, created_at) ';
      await db.run(`${reserve}VALUES ('o-page', 1012, 2, 2, ?, ?)`, [deadline, now]);
      await db.run(`${reserve}VALUES ('o-page', 1011, 2, 1, NULL, ?)`, [now]);
      const live = async (id: number, at = now) => {
        // Owed read rows (a first load half-way) are never answered from: the page is computed live.
        await db.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
        try {
          return await catalog().getProduct(id, { ...scope, now: at });
        } finally {
          await db.run('UPDATE storefront_state SET bulk = 0 WHERE id = 1');
        }
      };
      const expectSame = async (at = now) => {
        for (const id of [...publishedIds, 104, 105, 107, 999])
          expect(await catalog().getProduct(id, { ...scope, now: at }), `product ${id}`).toEqual(
            await live(id, at),
          );
      };
      await expectSame();
      const stocks = async (at: number) =>
        (await catalog().getProduct(101, { ...scope, now: at }))?.variants.map((v) => v.stock);
      expect(await stocks(now)).toEqual([1, 3]);
      // Past the deadline the hold has lapsed with nothing written: the kept row is not answered from.
      expect(await stocks(deadline + 1)).toEqual([1, 5]);
      await expectSame(deadline + 1);
      // The kept row is what answers (a row changed behind the writers' back shows).
      const [kept] = await db.query<{ page: string }>(
        'SELECT page FROM storefront_pages WHERE product_id = 101',
      );
      await db.run('UPDATE storefront_pages SET page = ? WHERE product_id = 101', [
        kept.page.replace('نايك', 'آدیداس'),
      ]);
      expect((await catalog().getProduct(101, { ...scope, now }))?.name).toBe('كفش ورزشي آدیداس');
      expect((await live(101))?.name).toBe('كفش ورزشي نايك');
      // The writers keep it: a pulled price and stock, a released hold, the shop's own description.
      await applyRecords(ctx.storage(), 'ProductDetails', [
        {
          ProductDetailId: 1011,
          ProductId: 101,
          Price1: 26_000_000,
          Price2: 24_000_000,
          RowVersion: laterRv(),
        },
      ]);
      await db.run("UPDATE stock_reservations SET released_at = ? WHERE order_id = 'o-page'", [now]);
      await db.run(
        "INSERT INTO product_web (product_id, description, updated_at) VALUES (102, 'چرم طبیعی، دوخت دست', ?)",
        [now],
      );
      expect(await stocks(now)).toEqual([2, 5]);
      expect((await catalog().getProduct(102, scope))?.description).toBe('چرم طبیعی، دوخت دست');
      await expectSame();
      // Another scope than the kept one is computed live.
      expect((await catalog().getProduct(101, { priceLevel: 2, storeId: 1, now }))?.variants).toMatchObject([
        { id: 1011, price: 24_000_000, stock: 3 },
        { id: 1012, price: 22_000_000, stock: 0 },
      ]);
    });

    it('lists non-deleted categories with their published product counts', async () => {
      expect(await catalog().listCategories()).toEqual([
        { id: 1, code: 10, name: 'کفش', productCount: 2 },
        { id: 2, code: 20, name: 'پوشاک', productCount: 32 },
      ]);
      await applyRecords(ctx.storage(), 'ProductDetails', [
        { ProductDetailId: 1021, ProductId: 102, Price1: 41_000_000, Deleted: true, RowVersion: laterRv() },
      ]);
      expect((await catalog().listCategories())[0].productCount).toBe(1);
    });
  });
}
