import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { login, pull, save, type Row } from './sim-http.js';

/**
 * The benchmark pulls 1,000,000 products through the simulator, so start-up must not depend on the
 * catalogue size and a page must be computed, not searched. Bounds are generous (CI machines vary).
 */
let sim: MahakSim;
let startMs: number;
let token: string;
beforeAll(async () => {
  const t0 = Date.now();
  sim = await startMahakSim({ port: 0, products: 1_000_000, seed: 2024 });
  startMs = Date.now() - t0;
  token = await login(sim);
});
afterAll(() => sim.close());

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
};

describe('a 1,000,000-product simulator', () => {
  it('starts in seconds and holds no catalogue in memory', () => {
    expect(startMs).toBeLessThan(5_000);
    const info = sim.control.info();
    expect(info.products).toBe(1_000_000);
    expect(info.productDetails).toBeGreaterThan(1_000_000);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 ** 3);
  });

  it('serves pages of 1000 from the start, the middle and the end', async () => {
    const [first] = await timed(() => pull(sim, token, { fromProductVersion: 0, pageSize: 1000 }));
    const rv0 = first.Products[0].RowVersion as number;
    for (const offset of [0, 500_000, 999_000]) {
      const [page, ms] = await timed(() =>
        pull(sim, token, { fromProductVersion: rv0 + offset, pageSize: 1000 }),
      );
      const rows = page.Products as Row[];
      expect(rows.length).toBe(offset === 999_000 ? 999 : 1000);
      expect(rows[0].ProductId).toBe(offset + 2);
      expect(ms).toBeLessThan(2_000);
    }
    const [all, ms] = await timed(() =>
      pull(sim, token, {
        fromProductDetailVersion: 0,
        fromProductDetailStoreAssetVersion: 0,
        fromVisitorProductVersion: 0,
        fromPictureVersion: 0,
        pageSize: 1000,
      }),
    );
    expect(Object.values(all).map((r) => r.length)).toEqual([1000, 1000, 1000, 1000]);
    expect(ms).toBeLessThan(3_000);
  });

  it('delivers a desk change and a saved order after the whole base catalogue', async () => {
    const before = sim.control.stats().lastRowVersion;
    sim.control.setPrices(2_000_000, { Price1: 4_560_000 });
    const delta = await pull(sim, token, { fromProductDetailVersion: before, pageSize: 1000 });
    expect(delta.ProductDetails).toEqual([
      expect.objectContaining({ ProductDetailId: 2_000_000, Price1: 4_560_000 }),
    ]);
    const r = await save(sim, token, {
      Orders: [{ OrderClientId: 1, VisitorId: 7, PersonId: 1, OrderType: 203 }],
      OrderDetails: [{ OrderClientId: 1, ProductDetailId: 1_999_999, Count1: 1, Price: 1, StoreId: 1 }],
    });
    expect(r.body.Result).toBe(true);
  });
});
