import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProductPageDto } from '../../core/contracts/catalog.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { loadConfig } from '../../core/config/load-config.js';
import { readStorefrontState } from '../../core/store/storefront-read.js';
import { hasPostgres } from '../support/services.js';
import { startApiTestServer, type ApiTestServer } from './api-test-server.js';
import { ourStoreId, priceOf } from './catalog-fixture.js';

/**
 * The storefront read rows are computed for one sell level and store (storefront-read.ts). Rebuilding
 * them is catalogue-sized work, so it happens when the server starts and when the scope changes, never
 * inside a catalogue request: a storefront process started on an empty database before a 100,000-product
 * pull did not answer its first listing after it within 300 s, rebuilding in the request
 * (docs/benchmarks.md, the freshness run on PostgreSQL).
 */
for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`storefront scope on ${driver}`, () => {
    let server: ApiTestServer | undefined;
    afterEach(() => server?.close());

    it('prepares the read rows for its scope when the server starts, before any request', async () => {
      server = await startApiTestServer({ driver });
      // No request is made: the server prepares them on its own (in the background).
      let state = await readStorefrontState(server.storage.db);
      for (let i = 0; i < 100 && state?.storeId !== ourStoreId; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = await readStorefrontState(server.storage.db);
      }
      expect(state).toMatchObject({ priceLevel: 1, storeId: ourStoreId, bulk: false });
    });

    it('refuses a listing for a scope not yet prepared with 503 and Retry-After, and prepares it meanwhile', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hamgam-scope-'));
      // A live config, as the desk's settings are: another instance may change the sell level.
      const config = {
        ...loadConfig({ env: {}, overrides: { dataDir: dir, storeId: ourStoreId, sellPriceLevel: 1 } }),
      };
      try {
        server = await startApiTestServer({ driver, deps: { config } });
        const get = () => server!.app.inject({ method: 'GET', url: '/api/v1/products?limit=5' });
        expect((await get()).statusCode).toBe(200);
        (config as { sellPriceLevel: number }).sellPriceLevel = 2;
        const refused = await get();
        expect(refused.statusCode).toBe(503);
        expect(refused.json<ErrorBody>().error.code).toBe('CATALOGUE_PREPARING');
        expect(refused.headers['retry-after']).toBe('5');
        let page: ProductPageDto | undefined;
        for (let i = 0; i < 100 && !page; i++) {
          const res = await get();
          if (res.statusCode === 200) page = res.json<ProductPageDto>();
          else await new Promise((r) => setTimeout(r, 50));
        }
        expect(page?.items[0]).toMatchObject({ id: 1, price: priceOf(1) - 500_000 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
