import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRunRecord } from '../../core/store/storage.js';
import { startSettingsEnv, type SettingsEnv } from './settings-env.js';

/**
 * Per-field opt-outs: while the shop keeps prices, stock or titles, a pull leaves them as the shop set
 * them (a new row still gets Mahak's values); pictures are not downloaded. Switching an opt-out off
 * brings Mahak's current value back at once, without waiting for Mahak to change the row again.
 */
describe('pull opt-outs (desk settings)', () => {
  let env: SettingsEnv;
  const db = () => env.app.storage.db;
  const set = async (body: Record<string, boolean>) =>
    expect((await env.call('owner', 'PATCH', '/admin/api/settings', body)).status).toBe(200);
  const pull = () => env.app.engine.pullNow();
  const one = async <T>(sql: string, params: unknown[]) => (await db().query<T>(sql, params))[0];
  const variantOf = (id: number) =>
    one<{ price1: number; count1: number; raw: string }>(
      'SELECT price1, count1, raw FROM variants WHERE id = ?',
      [id],
    );
  let detailId: number;
  let productId: number;

  beforeAll(async () => {
    env = await startSettingsEnv({ products: 12 });
    await pull();
    const row = await one<{ id: number; product_id: number }>(
      'SELECT id, product_id FROM variants WHERE deleted_at IS NULL ORDER BY id LIMIT 1',
      [],
    );
    detailId = Number(row.id);
    productId = Number(row.product_id);
  }, 60_000);
  afterAll(() => env?.close());

  it("keeps the shop's price while prices are opted out, and takes Mahak's back when switched off", async () => {
    const before = await variantOf(detailId);
    await set({ pullSkipPrices: true });
    env.sim.control.apply({ op: 'setPrices', detailId, prices: { Price1: before.price1 + 70_000 } });
    await pull();
    const kept = await variantOf(detailId);
    expect(kept.price1).toBe(before.price1);
    expect(JSON.parse(kept.raw).Price1).toBe(before.price1 + 70_000); // Mahak's word is still recorded

    await set({ pullSkipPrices: false });
    await expect.poll(async () => (await variantOf(detailId)).price1).toBe(before.price1 + 70_000);
  });

  it("keeps the shop's stock, in the store table and on the variant", async () => {
    const stockOf = () =>
      one<{ count1: number }>('SELECT count1 FROM stock WHERE variant_id = ? AND store_id = 1', [detailId]);
    const before = await stockOf();
    await set({ pullSkipStock: true });
    env.sim.control.apply({ op: 'setStock', detailId, storeId: 1, count1: before.count1 + 40 });
    await pull();
    expect((await stockOf()).count1).toBe(before.count1);
    await set({ pullSkipStock: false });
    await expect.poll(async () => (await stockOf()).count1).toBe(before.count1 + 40);
  });

  it("keeps the shop's title (and what search finds it by), but a new product arrives with Mahak's", async () => {
    const titleOf = (id: number) =>
      one<{ name: string; search_text: string }>('SELECT name, search_text FROM products WHERE id = ?', [id]);
    const before = await titleOf(productId);
    await set({ pullSkipTitles: true });
    env.sim.control.apply({ op: 'updateProduct', productId, patch: { Name: 'کتری برقی تازه' } });
    const added = env.sim.control.apply({
      op: 'addProduct',
      product: { name: 'سماور گازی', details: [{ price1: 2_500_000 }], picture: false },
    });
    await pull();
    expect(await titleOf(productId)).toEqual(before);
    expect((await titleOf(added.productId!)).name).toBe('سماور گازی');
    await set({ pullSkipTitles: false });
    await expect.poll(async () => (await titleOf(productId)).name).toBe('کتری برقی تازه');
  });

  it('downloads no pictures while opted out, and catches up when switched back on', async () => {
    const added = env.sim.control.apply({ op: 'addPicture', productId });
    const blobOf = () =>
      one<{ blob_key: string | null }>('SELECT blob_key FROM pictures WHERE id = ?', [added.pictureId]);
    await set({ pullSkipPictures: true });
    const skipped: SyncRunRecord = await pull();
    expect(skipped.stats.pictures).toMatchObject({ skipped: true, downloaded: 0 });
    expect((await blobOf()).blob_key).toBeNull();

    await set({ pullSkipPictures: false });
    const caught = await pull();
    expect(caught.stats.pictures).toMatchObject({ downloaded: 1 });
    expect((await blobOf()).blob_key).not.toBeNull();
  });
});
