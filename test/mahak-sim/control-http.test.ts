import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { control, login, pull, save } from './sim-http.js';

let sim: MahakSim;
let token: string;
beforeAll(async () => {
  sim = await startMahakSim({ port: 0, products: 15, seed: 21 });
  token = await login(sim);
});
afterAll(() => sim.close());

describe('/__sim control API over HTTP', () => {
  it('reports info, stats and settings', async () => {
    const info = await control(sim, 'GET', '');
    expect(info.body).toMatchObject({ products: 15, visitorId: 7, databaseId: 1, user: 'demo' });
    const stats = await control(sim, 'GET', '/stats');
    expect(stats.body.lastRowVersion).toBeGreaterThan(2 ** 32);
    expect(stats.body.requests.Login).toBeGreaterThanOrEqual(1);
    expect(stats.body.entities.Products).toMatchObject({ base: 15 });
    const settings = await control(sim, 'PATCH', '/settings', { strictPrices: true });
    expect(settings.body.strictPrices).toBe(true);
    expect((await control(sim, 'PATCH', '/settings', { strictPrices: 'yes' })).status).toBe(400);
    await control(sim, 'PATCH', '/settings', { strictPrices: false });
  });

  it('changes prices and stock, adds and deletes products, un-assigns details like staff at the desk', async () => {
    const cursor = sim.control.stats().lastRowVersion;
    expect((await control(sim, 'PUT', '/details/3/prices', { Price1: 7_770_000 })).status).toBe(200);
    expect((await control(sim, 'PUT', '/stock', { detailId: 3, storeId: 1, count1: 9 })).status).toBe(200);
    const added = await control(sim, 'POST', '/products', {
      name: 'دفتر مشق ۴۰ برگ',
      categoryId: 4,
      details: [{ price1: 85_000, stock: { '1': 100 } }],
    });
    expect(added.body.productId).toBe(16);
    expect((await control(sim, 'DELETE', '/products/1')).status).toBe(200);
    expect((await control(sim, 'POST', '/details/4/unassign')).status).toBe(200);
    const objects = await pull(sim, token, {
      fromProductVersion: cursor,
      fromProductDetailVersion: cursor,
      fromProductDetailStoreAssetVersion: cursor,
      fromVisitorProductVersion: cursor,
    });
    expect(objects.Products.map((p) => [p.ProductId, p.Deleted])).toEqual([
      [16, false],
      [1, true],
    ]);
    expect(objects.ProductDetails.find((d) => d.ProductDetailId === 3)?.Price1).toBe(7_770_000);
    expect(
      objects.ProductDetailStoreAssets.find((a) => a.ProductDetailId === 3 && a.StoreId === 1)?.Count1,
    ).toBe(9);
    expect(objects.VisitorProducts.find((v) => v.ProductDetailId === 4)?.Deleted).toBe(true);
    expect((await control(sim, 'PUT', '/details/99999/prices', { Price1: 1 })).status).toBe(404);
    expect((await control(sim, 'PUT', '/details/3/prices', { Cost: 1 })).status).toBe(400);
  });

  it('adds and deletes people, reads snapshots and rows', async () => {
    const added = await control(sim, 'POST', '/people', {
      firstName: 'ليلا',
      lastName: 'موسوی',
      mobile: '09121234567',
      groupId: 2,
    });
    const id = added.body.personId;
    const snap = await control(sim, 'GET', '/snapshot/people');
    expect(snap.body.at(-1)).toMatchObject({ PersonId: id, FirstName: 'ليلا', PersonGroupId: 2 });
    expect((await control(sim, 'DELETE', `/people/${id}`)).status).toBe(200);
    expect((await control(sim, 'GET', `/rows/person/${id}`)).body.Deleted).toBe(true);
    expect((await control(sim, 'GET', '/snapshot/spaceship')).status).toBe(404);
    const hidden = await control(sim, 'GET', '/snapshot/VisitorProducts');
    expect(hidden.body.find((v: { ProductDetailId: number }) => v.ProductDetailId === 4).Deleted).toBe(true);
    const withHidden = await control(sim, 'GET', '/snapshot/ProductDetails?all=1');
    const visible = await control(sim, 'GET', '/snapshot/ProductDetails');
    expect(withHidden.body.length).toBe(visible.body.length + 1);
  });

  it('exposes the books of what clients saved', async () => {
    // The notebook added above: 100 in store 1.
    const detail = sim.control.snapshot('ProductDetails').find((d) => d.ProductId === 16)!;
    const saved = await save(sim, token, {
      Orders: [{ OrderClientId: 5, VisitorId: 7, PersonId: 2 }],
      OrderDetails: [
        { OrderClientId: 5, ProductDetailId: detail.ProductDetailId, Count1: 1, Price: 85_000, StoreId: 1 },
      ],
    });
    expect(saved.body.Result).toBe(true);
    const books = await control(sim, 'GET', '/books');
    expect(Object.keys(books.body)).toEqual([
      'Orders',
      'OrderDetails',
      'Receipts',
      'Cheques',
      'People',
      'VisitorPeople',
      'Pictures',
    ]);
    expect(
      (await control(sim, 'GET', '/books/orders')).body.map(
        (o: { OrderClientId: number }) => o.OrderClientId,
      ),
    ).toEqual([5]);
  });

  it('runs a late desk action and releases it', async () => {
    const late = await control(sim, 'POST', '/late', {
      action: { op: 'setPrices', detailId: 5, prices: { Price1: 123_000 } },
    });
    expect(late.body.lateId).toBeGreaterThan(0);
    expect(sim.control.snapshot('ProductDetails').find((d) => d.ProductDetailId === 5)!.Price1).not.toBe(
      123_000,
    );
    await control(sim, 'POST', '/late/release', {});
    expect(sim.control.snapshot('ProductDetails').find((d) => d.ProductDetailId === 5)!.Price1).toBe(123_000);
  });
});
