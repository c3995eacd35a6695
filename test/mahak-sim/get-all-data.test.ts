import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROW_VERSION_START, startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { call, login, pull, pullAll, type Row } from './sim-http.js';

let sim: MahakSim;
let token: string;
beforeEach(async () => {
  sim = await startMahakSim({ port: 0, products: 60, seed: 11 });
  token = await login(sim);
});
afterEach(() => sim.close());

const maxRv = (rows: Row[]) => Math.max(...rows.map((r) => r.RowVersion as number));

describe('GetAllData cursors and paging (API.md §3.1, §6)', () => {
  it('omits a collection whose cursor is absent or null; 0 returns all of it', async () => {
    const objects = await pull(sim, token, { fromProductVersion: 0, fromPersonVersion: null });
    expect(Object.keys(objects)).toEqual(['Products']);
    expect(objects.Products).toHaveLength(60);
    const none = await pull(sim, token, {});
    expect(none).toEqual({});
  });

  it('answers [] for a spec collection the sim does not model', async () => {
    const objects = await pull(sim, token, { fromRegionVersion: 0, fromTransactionVersion: 0 });
    expect(objects).toEqual({ Regions: [], Transactions: [] });
  });

  it('returns only rows with RowVersion > cursor', async () => {
    const all = (await pull(sim, token, { fromProductVersion: 0 })).Products;
    const cut = all[29].RowVersion as number;
    const after = (await pull(sim, token, { fromProductVersion: cut })).Products;
    expect(after.map((r) => r.ProductId)).toEqual(all.slice(30).map((r) => r.ProductId));
    expect((await pull(sim, token, { fromProductVersion: maxRv(all) })).Products).toEqual([]);
  });

  it('caps pageSize rows PER ENTITY, ascending, and paging by max RowVersion sees every row once', async () => {
    const page = await pull(sim, token, {
      fromProductVersion: 0,
      fromProductDetailVersion: 0,
      fromPersonVersion: 0,
      pageSize: 7,
    });
    for (const rows of Object.values(page)) {
      expect(rows).toHaveLength(7);
      const rvs = rows.map((r) => r.RowVersion as number);
      expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    }
    const paged = await pullAll(sim, token, 'ProductDetails', 'fromProductDetailVersion', 13);
    expect(paged.map((r) => r.ProductDetailId)).toEqual(
      sim.control.snapshot('ProductDetails').map((r) => r.ProductDetailId),
    );
    expect(new Set(paged.map((r) => r.ProductDetailId)).size).toBe(paged.length);
  });

  it('uses one global int64 counter above 2^32 for every entity', async () => {
    const objects = await pull(sim, token, {
      fromStoreVersion: 0,
      fromProductVersion: 0,
      fromProductDetailVersion: 0,
      fromPersonVersion: 0,
      fromSettingVersion: 0,
    });
    const rvs = Object.values(objects).flatMap((rows) => rows.map((r) => r.RowVersion as number));
    expect(Math.min(...rvs)).toBeGreaterThan(2 ** 32);
    expect(Math.min(...rvs)).toBeGreaterThanOrEqual(ROW_VERSION_START);
    expect(new Set(rvs).size).toBe(rvs.length);
    const before = sim.control.stats().lastRowVersion;
    const price = sim.control.setPrices(3, { Price1: 1_250_000 }).written[0].rowVersion;
    const person = sim.control.updatePerson(2, { Mobile: '09121234567' }).written[0].rowVersion;
    expect(price).toBeGreaterThan(before);
    expect(person).toBe(price + 1);
  });

  it('delivers a price change as a new version of the detail', async () => {
    const all = (await pull(sim, token, { fromProductDetailVersion: 0 })).ProductDetails;
    sim.control.setPrices(5, { Price1: 1_250_000, price2: 1_190_000 });
    const delta = (await pull(sim, token, { fromProductDetailVersion: maxRv(all) })).ProductDetails;
    expect(delta).toHaveLength(1);
    expect(delta[0]).toMatchObject({
      ProductDetailId: 5,
      Price1: 1_250_000,
      Price2: 1_190_000,
      Deleted: false,
    });
    // The changed row is no longer delivered at its old place.
    const full = (await pull(sim, token, { fromProductDetailVersion: 0 })).ProductDetails;
    expect(full.filter((r) => r.ProductDetailId === 5)).toHaveLength(1);
    expect(full.at(-1)!.ProductDetailId).toBe(5);
  });

  it('delivers a stock change on ProductDetailStoreAssets and VisitorProducts', async () => {
    const cursor = sim.control.stats().lastRowVersion;
    sim.control.setStock(4, 2, 17);
    const objects = await pull(sim, token, {
      fromProductDetailStoreAssetVersion: cursor,
      fromVisitorProductVersion: cursor,
    });
    expect(objects.ProductDetailStoreAssets).toEqual([
      expect.objectContaining({ ProductDetailId: 4, StoreId: 2, Count1: 17 }),
    ]);
    const vp = objects.VisitorProducts[0];
    const stores = sim.control.snapshot('ProductDetailStoreAssets').filter((a) => a.ProductDetailId === 4);
    expect(vp).toMatchObject({
      ProductDetailId: 4,
      VisitorId: 7,
      Count1: stores.reduce((s, a) => s + (a.Count1 as number), 0),
    });
  });

  it('returns a logically deleted product with Deleted: true', async () => {
    const cursor = sim.control.stats().lastRowVersion;
    const result = sim.control.deleteProduct(10);
    const objects = await pull(sim, token, { fromProductVersion: cursor, fromProductDetailVersion: cursor });
    expect(objects.Products).toEqual([expect.objectContaining({ ProductId: 10, Deleted: true })]);
    expect(objects.ProductDetails.map((d) => d.ProductDetailId).sort()).toEqual(
      [...result.detailIds!].sort(),
    );
    expect(objects.ProductDetails.every((d) => d.Deleted === true)).toBe(true);
    sim.control.restoreProduct(10);
    const revived = await pull(sim, token, { fromProductVersion: maxRv(objects.Products) });
    expect(revived.Products).toEqual([expect.objectContaining({ ProductId: 10, Deleted: false })]);
  });

  it('un-assignment: VisitorProducts row comes back Deleted:true with a new RowVersion, the goods disappear', async () => {
    const detailIds = sim.control
      .snapshot('ProductDetails')
      .filter((d) => d.ProductId === 12)
      .map((d) => d.ProductDetailId as number);
    const cursor = sim.control.stats().lastRowVersion;
    for (const d of detailIds) sim.control.unassignDetail(d);
    const delta = await pull(sim, token, { fromVisitorProductVersion: cursor });
    expect(delta.VisitorProducts.map((v) => [v.ProductDetailId, v.Deleted])).toEqual(
      detailIds.map((d) => [d, true]),
    );
    expect(delta.VisitorProducts[0].RowVersion).toBeGreaterThan(cursor);
    // While un-assigned, neither the product nor its details, stock or picture are served, even from 0.
    const full = await pull(sim, token, {
      fromProductVersion: 0,
      fromProductDetailVersion: 0,
      fromProductDetailStoreAssetVersion: 0,
      fromPictureVersion: 0,
      fromPhotoGalleryVersion: 0,
    });
    expect(full.Products.some((p) => p.ProductId === 12)).toBe(false);
    expect(full.ProductDetails.some((d) => detailIds.includes(d.ProductDetailId))).toBe(false);
    expect(full.ProductDetailStoreAssets.some((a) => detailIds.includes(a.ProductDetailId))).toBe(false);
    expect(full.PhotoGalleries.some((g) => g.ItemCode === 12)).toBe(false);
    expect(full.Pictures.some((p) => p.PictureId === 12)).toBe(false);
    // A change made while hidden is not delivered; re-assigning delivers the product again.
    sim.control.setPrices(detailIds[0], { Price1: 990_000 });
    const cursor2 = sim.control.stats().lastRowVersion;
    expect((await pull(sim, token, { fromProductDetailVersion: cursor })).ProductDetails).toEqual([]);
    sim.control.assignDetail(detailIds[0]);
    const back = await pull(sim, token, {
      fromProductVersion: cursor2,
      fromProductDetailVersion: cursor2,
      fromVisitorProductVersion: cursor2,
    });
    expect(back.Products.map((p) => p.ProductId)).toEqual([12]);
    expect(back.ProductDetails).toEqual([
      expect.objectContaining({ ProductDetailId: detailIds[0], Price1: 990_000 }),
    ]);
    expect(back.VisitorProducts).toEqual([
      expect.objectContaining({ ProductDetailId: detailIds[0], Deleted: false }),
    ]);
  });

  it('serves People only through VisitorPeople', async () => {
    const cursor = sim.control.stats().lastRowVersion;
    sim.control.unassignPerson(3);
    const delta = await pull(sim, token, { fromVisitorPersonVersion: cursor, fromPersonVersion: 0 });
    expect(delta.VisitorPeople).toEqual([
      expect.objectContaining({ PersonId: 3, VisitorId: 7, Deleted: true }),
    ]);
    expect(delta.People.some((p) => p.PersonId === 3)).toBe(false);
    const added = sim.control.addPerson({ firstName: 'كاظم', lastName: 'رضايي', mobile: '۰۹۱۲۳۴۵۶۷۸۹' });
    const people = (await pull(sim, token, { fromPersonVersion: cursor })).People;
    expect(people).toEqual([expect.objectContaining({ PersonId: added.personId, FirstName: 'كاظم' })]);
    const hidden = sim.control.addPerson({ lastName: 'پنهان', assign: false });
    expect(
      (await pull(sim, token, { fromPersonVersion: cursor })).People.some(
        (p) => p.PersonId === hidden.personId,
      ),
    ).toBe(false);
  });

  it('filters Orders and their lines by orderTypes', async () => {
    const objects = await pull(sim, token, {
      fromOrderVersion: 0,
      fromOrderDetailVersion: 0,
      orderTypes: [299],
    });
    expect(objects).toEqual({ Orders: [], OrderDetails: [] });
    const r = await call(sim, 'GetAllData', { fromOrderVersion: 0, orderTypes: 'x' }, { token });
    expect(r.status).toBe(400);
  });

  it('adds a product with details, stock and a picture through the desk', async () => {
    const cursor = sim.control.stats().lastRowVersion;
    const added = sim.control.addProduct({
      name: 'کتری برقی پارس‌خزر مدل ۵۰۱',
      categoryId: 1,
      details: [
        { properties: { رنگ: 'سفید' }, price1: 3_450_000, stock: { '1': 5 } },
        { properties: { رنگ: 'مشکی' }, price1: 3_550_000, stock: { '2': 2 } },
      ],
    });
    const objects = await pull(sim, token, {
      fromProductVersion: cursor,
      fromProductDetailVersion: cursor,
      fromVisitorProductVersion: cursor,
      fromProductDetailStoreAssetVersion: cursor,
      fromPictureVersion: cursor,
      fromPhotoGalleryVersion: cursor,
    });
    expect(objects.Products).toEqual([
      expect.objectContaining({ ProductId: added.productId, Name: 'کتری برقی پارس‌خزر مدل ۵۰۱' }),
    ]);
    expect(objects.ProductDetails.map((d) => [d.Price1, JSON.parse(d.Properties)[0].V])).toEqual([
      [3_450_000, 'سفید'],
      [3_550_000, 'مشکی'],
    ]);
    expect(objects.VisitorProducts.map((v) => v.Count1)).toEqual([5, 2]);
    expect(objects.PhotoGalleries).toEqual([
      expect.objectContaining({ EntityType: 102, ItemCode: added.productId, PictureId: added.pictureId }),
    ]);
    const img = await fetch(`${sim.origin}${objects.Pictures[0].Url}`);
    expect(img.status).toBe(200);
  });
});
