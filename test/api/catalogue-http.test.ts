import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryListDto, ProductDetailDto, ProductPageDto } from '../../core/contracts/catalog.js';
import { loadConfig } from '../../core/config/load-config.js';
import { hasPostgres } from '../support/services.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';
import { bagsCategoryId, ourStoreId } from './catalog-fixture.js';

/**
 * HTTP caching of the storefront catalogue (issue 9): ETag / Last-Modified from the catalogue version,
 * 304 on revalidation, Cache-Control for a CDN, and no stale answer from the in-process cache once a
 * pull page or a desk edit has committed.
 */
let rowVersion = 9_000_000;

for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`catalogue HTTP caching on ${driver}`, () => {
    let server: ApiTestServer;
    beforeAll(async () => {
      server = await startApiTestServer({ driver });
    });
    afterAll(() => server?.close());

    const get = (url: string, headers: Record<string, string> = {}) =>
      server.app.inject({ method: 'GET', url, headers });
    const pullPrice = async (variantId: number, productId: number, price: number) => {
      const record = { ProductDetailId: variantId, ProductDetailCode: variantId, ProductId: productId };
      const page = {
        runId: `price-${rowVersion}`,
        seq: 1,
        entity: 'ProductDetails' as const,
        records: [{ ...record, Price1: price, Price2: price, RowVersion: ++rowVersion }],
        checkpoint: rowVersion,
      };
      expect((await server.storage.applyPullPage(page)).changed).toBe(1);
    };

    it('answers with ETag, Last-Modified and Cache-Control, and 304 while the ETag holds', async () => {
      for (const url of ['/api/v1/products?limit=5', '/api/v1/products/3', '/api/v1/categories']) {
        const first = await get(url);
        expect(first.statusCode, url).toBe(200);
        const etag = first.headers.etag as string;
        expect(etag).toMatch(/^"\d+-1-1"$/);
        expect(first.headers['cache-control']).toBe('public, max-age=1, stale-while-revalidate=5');
        expect(Date.parse(first.headers['last-modified'] as string)).toBeGreaterThan(0);
        const again = await get(url, { 'if-none-match': etag });
        expect(again.statusCode, url).toBe(304);
        expect(again.body).toBe('');
        expect((await get(url, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
        expect((await get(url, { 'if-none-match': '"1-9-9"' })).statusCode).toBe(200);
        const since = first.headers['last-modified'] as string;
        expect((await get(url, { 'if-modified-since': since })).statusCode).toBe(304);
        expect((await get(url, { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).statusCode).toBe(
          200,
        );
      }
    });

    it('moves the ETag and drops the cached page when a pull page changes a price', async () => {
      const url = '/api/v1/products?limit=5';
      const before = await get(url);
      const cached = await get(url); // served from memory
      expect(cached.body).toBe(before.body);
      await pullPrice(30, 3, 77_000_000);
      const after = await get(url, { 'if-none-match': before.headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.json<ProductPageDto>().items.find((p) => p.id === 3)?.price).toBe(77_000_000);
      const detail = (await get('/api/v1/products/3')).json<ProductDetailDto>();
      expect(detail.price).toBe(77_000_000);
    });

    it.skipIf(driver !== 'postgres')(
      'answers from the version PostgreSQL notified, and a pull page of this process shows at the next request',
      async () => {
        const url = '/api/v1/products?limit=5';
        await get(url);
        // The feed vouches once its listening connection is up and a read followed the LISTEN.
        const scope = { priceLevel: 1, storeId: ourStoreId };
        for (let i = 0; !server.storage.catalog.knownCatalogueState?.(scope); i++) {
          expect(i, 'feed trusted within 10 s').toBeLessThan(2000);
          await new Promise((r) => setTimeout(r, 5));
        }
        const before = await get(url);
        await pullPrice(30, 3, 78_000_000);
        const after = await get(url);
        expect(after.headers.etag).not.toBe(before.headers.etag);
        expect(after.json<ProductPageDto>().items.find((p) => p.id === 3)?.price).toBe(78_000_000);
      },
    );

    it('follows a desk edit (hidden product) through the version too', async () => {
      const url = `/api/v1/products?limit=100&categoryId=${bagsCategoryId}`;
      const before = (await get(url)).json<ProductPageDto>();
      const categoriesBefore = (await get('/api/v1/categories')).json<CategoryListDto>();
      expect(before.items.map((p) => p.id)).toContain(5);
      await server.storage.db.run(
        "INSERT INTO product_web (product_id, visibility, featured, updated_at) VALUES (5, 'hidden', 0, 1)",
      );
      const after = (await get(url)).json<ProductPageDto>();
      expect(after.items.map((p) => p.id)).not.toContain(5);
      expect(after.total).toBe(before.total - 1);
      const bags = (c: CategoryListDto) => c.items.find((x) => x.id === bagsCategoryId)!.productCount;
      expect(bags((await get('/api/v1/categories')).json<CategoryListDto>())).toBe(
        bags(categoriesBefore) - 1,
      );
      expect((await get('/api/v1/products/5')).statusCode).toBe(404);
    });

    it('keeps no error: an unknown product is 404 on every request', async () => {
      expect((await get('/api/v1/products/3')).statusCode).toBe(200);
      expect((await get('/api/v1/products/987654')).statusCode).toBe(404);
      expect((await get('/api/v1/products/987654')).statusCode).toBe(404);
    });
  });
}

describe('request limits for a headless storefront', () => {
  const burst = async (server: ApiTestServer, url: string, n: number, ip?: string) => {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const headers = ip ? { 'x-forwarded-for': ip } : undefined;
      codes.push((await server.app.inject({ method: 'GET', url, headers })).statusCode);
    }
    return codes;
  };

  it('does not throttle catalogue reads by default, while other routes keep the per-address limit', async () => {
    const server = await startApiTestServer({ config: { rateLimitPerMinute: 3 } });
    try {
      expect(new Set(await burst(server, '/api/v1/products?limit=1', 10))).toEqual(new Set([200]));
      expect(new Set(await burst(server, '/api/v1/categories', 10))).toEqual(new Set([200]));
      expect(await burst(server, '/api/v1/carts/no-such-cart', 4)).toEqual([400, 400, 400, 429]);
    } finally {
      await server.close();
    }
  });

  it('throttles catalogue reads when configured, keyed on the real client behind a trusted proxy', async () => {
    const server = await startApiTestServer({
      config: { catalogueRatePerMinute: 2, trustProxy: 'true' },
    });
    try {
      expect(await burst(server, '/api/v1/categories', 3, '203.0.113.7')).toEqual([200, 200, 429]);
      // Another visitor behind the same proxy has their own allowance.
      expect(await burst(server, '/api/v1/categories', 2, '203.0.113.8')).toEqual([200, 200]);
    } finally {
      await server.close();
    }
  });

  it('without trustProxy every forwarded client is the proxy itself', async () => {
    const server = await startApiTestServer({ config: { catalogueRatePerMinute: 2 } });
    try {
      await burst(server, '/api/v1/categories', 2, '203.0.113.7');
      expect(await burst(server, '/api/v1/categories', 1, '203.0.113.8')).toEqual([429]);
    } finally {
      await server.close();
    }
  });

  it('reads trustProxy as a flag, a hop count or a list of proxy addresses', () => {
    const trust = (value: string) => loadConfig({ env: { HAMGAM_TRUST_PROXY: value } }).trustProxy;
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 127.0.0.1')).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ env: {} }).trustProxy).toBe(false);
  });
});
