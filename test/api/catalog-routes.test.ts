import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetailDto, ProductPageDto, ProductSummaryDto } from '../../core/contracts/catalog.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { hasPostgres } from '../support/services.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';
import {
  bagsCategoryId,
  deletedProductId,
  priceOf,
  productOnePictureIds,
  publishedIds,
  stockOf,
  unassignedProductId,
} from './catalog-fixture.js';

// Same storefront answers on both storage drivers (STYLE.md rule 10: end-to-end once per database).
for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`catalogue API on ${driver}`, () => {
    let server: ApiTestServer;
    beforeAll(async () => {
      server = await startApiTestServer({ driver });
    });
    afterAll(() => server?.close());

    const get = (url: string) => server.app.inject({ method: 'GET', url });
    const idsOf = (items: ProductSummaryDto[]) => items.map((p) => p.id).sort((a, b) => a - b);

    async function walkAllPages(query: string): Promise<{ ids: number[]; pages: number; totals: number[] }> {
      const ids: number[] = [];
      const totals: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          `/api/v1/products?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json<ProductPageDto>();
        ids.push(...page.items.map((p) => p.id));
        totals.push(page.total);
        cursor = page.nextCursor;
        pages++;
        expect(pages).toBeLessThan(50); // a cursor that never ends fails here instead of hanging
      } while (cursor);
      return { ids, pages, totals };
    }

    describe('GET /api/v1/products', () => {
      it('walks every published product exactly once across pages, with a stable total', async () => {
        const { ids, pages, totals } = await walkAllPages('limit=7');
        expect([...ids].sort((a, b) => a - b)).toEqual(publishedIds);
        expect(new Set(ids).size).toBe(ids.length);
        expect(pages).toBe(Math.ceil(publishedIds.length / 7));
        expect(new Set(totals)).toEqual(new Set([publishedIds.length]));
      });

      it('never lists a product that is deleted or not assigned to our visitor', async () => {
        const page = (await get('/api/v1/products?limit=100')).json<ProductPageDto>();
        expect(page.items.map((p) => p.id)).not.toContain(unassignedProductId);
        expect(page.items.map((p) => p.id)).not.toContain(deletedProductId);
        expect(page.nextCursor).toBeNull();
      });

      it('defaults to 20 items', async () => {
        const page = (await get('/api/v1/products')).json<ProductPageDto>();
        expect(page.items).toHaveLength(20);
        expect(page.nextCursor).not.toBeNull();
      });

      it('prices at the sell level (lowest variant, rial) and counts stock in our store only', async () => {
        const page = (await get('/api/v1/products?limit=100')).json<ProductPageDto>();
        const byId = new Map(page.items.map((p) => [p.id, p]));
        expect(byId.get(1)?.price).toBe(priceOf(1));
        expect(byId.get(5)).toMatchObject({ price: priceOf(5), stock: stockOf(5), inStock: true });
        expect(byId.get(6)).toMatchObject({ stock: 0, inStock: false });
        expect(byId.get(1)?.pictures).toEqual(
          productOnePictureIds.map((id) => ({ id, url: `/api/v1/pictures/${id}` })),
        );
      });

      it('filters by category', async () => {
        const page = (
          await get(`/api/v1/products?limit=100&categoryId=${bagsCategoryId}`)
        ).json<ProductPageDto>();
        expect(idsOf(page.items)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(page.total).toBe(8);
      });

      it('filters by stock', async () => {
        const inStock = (await get('/api/v1/products?limit=100&inStock=true')).json<ProductPageDto>();
        const outOfStock = (await get('/api/v1/products?limit=100&inStock=false')).json<ProductPageDto>();
        expect(idsOf(inStock.items)).toEqual(publishedIds.filter((id) => stockOf(id) > 0));
        expect(idsOf(outOfStock.items)).toEqual(publishedIds.filter((id) => stockOf(id) === 0));
        expect(inStock.items.every((p) => p.inStock)).toBe(true);
      });

      it.each([
        ['Persian letters', 'کیف', [1, 2]],
        ['Arabic ي and ك', 'كيف', [1, 2]],
        ['Persian digits', 'مدل ۴۲', [3]],
        ['Latin digits for a name written with Persian digits', '42', [3]],
        ['the product code', '1005', [5]],
      ])('searches by %s', async (_label, q, expected) => {
        const page = (
          await get(`/api/v1/products?limit=100&q=${encodeURIComponent(q)}`)
        ).json<ProductPageDto>();
        expect(idsOf(page.items)).toEqual(expected);
        expect(page.total).toBe(expected.length);
      });

      it('paginates a filtered search without repeating or skipping', async () => {
        const { ids } = await walkAllPages(`limit=2&categoryId=${bagsCategoryId}&inStock=true`);
        expect([...ids].sort((a, b) => a - b)).toEqual([1, 3, 5, 7]);
      });

      it.each([
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['limit=101', 'limit'],
        ['inStock=maybe', 'inStock'],
        ['categoryId=-1', 'categoryId'],
        ['category=1', 'category'],
      ])('rejects %s with 400 VALIDATION_FAILED naming the field', async (query, field) => {
        const res = await get(`/api/v1/products?${query}`);
        expect(res.statusCode).toBe(400);
        const body = res.json<ErrorBody>();
        expect(body.error.code).toBe('VALIDATION_FAILED');
        expect(body.error.messageFa).toBe('ورودی نامعتبر است');
        expect((body.error.details as { fields: { field: string; in: string }[] }).fields).toContainEqual(
          expect.objectContaining({ field, in: 'querystring' }),
        );
      });

      it('rejects a forged cursor with 400, not 500', async () => {
        const res = await get('/api/v1/products?cursor=not-a-real-cursor');
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
      });
    });

    describe('GET /api/v1/products/:id', () => {
      it('returns variants, prices, stock and picture URLs', async () => {
        const res = await get('/api/v1/products/1');
        expect(res.statusCode).toBe(200);
        const p = res.json<ProductDetailDto>();
        expect(p).toMatchObject({
          id: 1,
          name: 'کیف چرمی مردانه',
          code: 1001,
          categoryId: bagsCategoryId,
          price: priceOf(1),
        });
        expect(p.description).toBe('چرم طبیعی گاوی، دوخت دستی');
        expect(p.variants.map((v) => [v.id, v.price, v.stock]).sort()).toEqual([
          [10, priceOf(1), stockOf(1)],
          [11, 13_900_000, stockOf(1)],
        ]);
        expect(p.pictures.map((x) => x.url)).toEqual(['/api/v1/pictures/501', '/api/v1/pictures/502']);
      });

      it.each([
        ['missing', 9999],
        ['deleted', deletedProductId],
        ['not assigned to our visitor', unassignedProductId],
      ])('answers 404 NOT_FOUND for a %s product', async (_label, id) => {
        const res = await get(`/api/v1/products/${id}`);
        expect(res.statusCode).toBe(404);
        const body = res.json<ErrorBody>();
        expect(body.error).toMatchObject({ code: 'NOT_FOUND', messageFa: 'پیدا نشد' });
        expect(body.error.details).toEqual({ resource: 'product', id });
      });

      it('rejects a non-numeric id with 400', async () => {
        const res = await get('/api/v1/products/abc');
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
      });
    });

    describe('GET /api/v1/categories', () => {
      it('lists categories with their published product counts', async () => {
        const res = await get('/api/v1/categories');
        expect(res.statusCode).toBe(200);
        const { items } = res.json<{ items: { id: number; name: string; productCount: number }[] }>();
        expect(items.map((c) => [c.id, c.name, c.productCount]).sort()).toEqual([
          [10, 'کیف و کفش', 8],
          [20, 'پوشاک', 14],
        ]);
      });
    });

    describe('sell price level', () => {
      it('prices at the configured level', async () => {
        const level2 = await startApiTestServer({ driver, config: { sellPriceLevel: 2 } });
        try {
          const p = (
            await level2.app.inject({ method: 'GET', url: '/api/v1/products/5' })
          ).json<ProductDetailDto>();
          expect(p.price).toBe(priceOf(5) - 500_000);
        } finally {
          await level2.close();
        }
      });
    });
  });
}
