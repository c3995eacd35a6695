import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { crc32 } from '../../core/mahak-sim/png-encoder.js';
import { call, login, pull, save, type Row } from './sim-http.js';

let sim: MahakSim;
let token: string;
beforeEach(async () => {
  sim = await startMahakSim({ port: 0, products: 20, seed: 3 });
  token = await login(sim);
});
afterEach(() => sim.close());

const maxRv = (rows: Row[]) => Math.max(...rows.map((r) => r.RowVersion as number));

/** Parse a PNG strictly: signature, chunk CRCs, IHDR, and the inflated image size. */
function readPng(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    expect(buf.readUInt32BE(o + 8 + len)).toBe(crc32(buf, o + 4, o + 8 + len));
    if (type === 'IHDR') [width, height] = [buf.readUInt32BE(o + 8), buf.readUInt32BE(o + 12)];
    if (type === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
    if (type === 'IEND') break;
  }
  expect(o).toBe(buf.length);
  const pixels = inflateSync(Buffer.concat(idat));
  expect(pixels.length).toBe(height * (1 + width * 3));
  return { width, height, pixels };
}

describe('SolveDispute / SolveOrderDispute (API.md §5.1, §5.2)', () => {
  it('re-delivers rows whose rw differs, and deleted rows; leaves matching rows alone', async () => {
    const products = (await pull(sim, token, { fromProductVersion: 0 })).Products;
    const cursor = maxRv(products);
    sim.control.deleteProduct(4);
    const r = await call(
      sim,
      'SolveDispute',
      {
        databaseId: 1,
        entityName: 'product',
        disputeItems: [
          { id: 1, rw: products[0].RowVersion },
          { id: 2, rw: products[1].RowVersion - 5 },
          { id: 4, rw: products[3].RowVersion },
          { id: 999, rw: 1 },
        ],
      },
      { token },
    );
    expect(r.body.Result).toBe(true);
    const m = r.body.Data.Mismatches;
    expect(m.map((x: Row) => [x.Id, x.Exists, x.Deleted])).toEqual([
      [2, true, false],
      [4, true, true],
      [999, false, true],
    ]);
    const delta = (await pull(sim, token, { fromProductVersion: cursor })).Products;
    // Product 4's deletion was already past the cursor; both now sit at the dispute's new RowVersions.
    expect(delta.map((p) => [p.ProductId, p.RowVersion, p.Deleted])).toEqual([
      [2, m[0].RowVersion, false],
      [4, m[1].RowVersion, true],
    ]);
  });

  it('accepts entity names in any casing and refuses unknown ones', async () => {
    for (const entityName of [
      'ProductDetail',
      'visitorProduct',
      'person',
      'PhotoGallery',
      'ProductDetailStoreAsset',
      'visitorPerson',
    ]) {
      const r = await call(sim, 'SolveDispute', { entityName, disputeItems: [{ id: 1, rw: 1 }] }, { token });
      expect(r.body.Result, entityName).toBe(true);
      expect(r.body.Data.Mismatches).toHaveLength(1);
    }
    const bad = await call(sim, 'SolveDispute', { entityName: 'spaceship', disputeItems: [] }, { token });
    expect(bad.body.Result).toBe(false);
    expect(bad.body.Message).toMatch(/[\u0600-\u06FF]/);
  });

  it('SolveOrderDispute re-delivers known orders with their lines and lists unknown ids', async () => {
    const asset = sim.control
      .snapshot('ProductDetailStoreAssets')
      .find((a) => a.StoreId === 1 && (a.Count1 as number) > 0)!;
    const saved = await save(sim, token, {
      Orders: [{ OrderClientId: 1, VisitorId: 7, PersonId: 1 }],
      OrderDetails: [
        { OrderClientId: 1, ProductDetailId: asset.ProductDetailId, Count1: 1, Price: 5, StoreId: 1 },
      ],
    });
    const orderId = saved.body.Data.Objects.Orders.Results[0].EntityId;
    const cursor = sim.control.stats().lastRowVersion;
    const r = await call(
      sim,
      'SolveOrderDispute',
      {
        databaseId: 1,
        disputeItems: [
          { id: orderId, code: 0 },
          { id: 4242, code: 0 },
        ],
      },
      { token },
    );
    expect(r.body.Result).toBe(true);
    expect(r.body.Data.Orders.map((o: Row) => o.OrderId)).toEqual([orderId]);
    expect(r.body.Data.Missing).toEqual([4242]);
    const delta = await pull(sim, token, { fromOrderVersion: cursor, fromOrderDetailVersion: cursor });
    expect(delta.Orders).toHaveLength(1);
    expect(delta.OrderDetails).toHaveLength(1);
  });
});

describe('Upload (API.md §5.3)', () => {
  it('stores multipart bytes for a picture saved before, and serves them', async () => {
    const saved = await save(sim, token, {
      Pictures: [{ PictureClientId: 77, FileName: 'sign.png', Title: 'امضا' }],
    });
    const pictureId = saved.body.Data.Objects.Pictures.Results[0].EntityId;
    const bytes = Buffer.from([1, 2, 3, 4, 5, 250, 251]);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'sign.png');
    const res = await fetch(`${sim.syncUrl}/upload?userToken=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'X-PictureId': String(pictureId), 'X-FileName': 'sign.png' },
      body: form,
    });
    const body = (await res.json()) as Row;
    expect(body.Result).toBe(true);
    expect(body.Data).toMatchObject({ Result: true, EntityId: pictureId });
    expect(body.Data.RowVersion).toBeGreaterThan(2 ** 32);
    expect(body.Data.AdditionalData.FileHash).toBe(createHash('md5').update(bytes).digest('hex'));
    const img = await fetch(`${sim.origin}${body.Data.AdditionalData.FileUrl}`);
    expect(Buffer.from(await img.arrayBuffer())).toEqual(bytes);
    const pictures = (await pull(sim, token, { fromPictureVersion: body.Data.RowVersion - 1 })).Pictures;
    expect(pictures).toEqual([
      expect.objectContaining({
        PictureId: pictureId,
        Url: body.Data.AdditionalData.FileUrl,
        FileSize: bytes.length,
      }),
    ]);
    expect(sim.control.books().Pictures.map((p) => p.PictureId)).toEqual([pictureId]);
  });

  it('refuses an upload for an unknown picture, without a file, or without a token', async () => {
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([Buffer.from('x')]), 'a.png');
      return f;
    };
    const unknown = await fetch(`${sim.syncUrl}/Upload`, {
      method: 'POST',
      headers: { authorization: token, 'X-PictureId': '123456' },
      body: form(),
    });
    expect(((await unknown.json()) as Row).Result).toBe(false);
    const noFile = await call(sim, 'Upload', {}, { token });
    expect(noFile.status).toBe(400);
    const noToken = await fetch(`${sim.syncUrl}/Upload`, {
      method: 'POST',
      headers: { 'X-PictureId': '1' },
      body: form(),
    });
    expect(noToken.status).toBe(401);
  });
});

describe('picture files', () => {
  it('serves a valid PNG of the advertised size at each Picture Url, without auth', async () => {
    const pictures = (await pull(sim, token, { fromPictureVersion: 0 })).Pictures;
    expect(pictures).toHaveLength(20);
    const seen = new Set<string>();
    for (const p of pictures.slice(0, 5)) {
      const res = await fetch(`${sim.origin}${p.Url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const buf = Buffer.from(await res.arrayBuffer());
      expect(buf.length).toBe(p.FileSize);
      expect(readPng(buf)).toMatchObject({ width: p.Width, height: p.Height });
      seen.add(buf.toString('base64'));
    }
    expect(seen.size).toBe(5);
    const viaPlugin = await fetch(`${sim.origin}/api/v3/Content/Images/all/${pictures[0].FileName}`);
    expect(viaPlugin.status).toBe(200);
    expect((await fetch(`${sim.origin}/Content/Images/all/nothing.png`)).status).toBe(404);
  });

  it('draws the same bytes for the same seed, new bytes after staff replace a picture', async () => {
    const other = await startMahakSim({ port: 0, products: 20, seed: 3 });
    try {
      const a = Buffer.from(await (await fetch(`${sim.origin}/Content/Images/all/pic-2.png`)).arrayBuffer());
      const b = Buffer.from(
        await (await fetch(`${other.origin}/Content/Images/all/pic-2.png`)).arrayBuffer(),
      );
      expect(a.equals(b)).toBe(true);
    } finally {
      await other.close();
    }
    sim.control.replacePicture(2);
    const row = sim.control.row('Pictures', 2)!;
    expect(row.Url).toBe('/Content/Images/all/pic-2-v1.png');
    const old = await fetch(`${sim.origin}/Content/Images/all/pic-2.png`);
    expect(old.status).toBe(404);
    const fresh = Buffer.from(await (await fetch(`${sim.origin}${row.Url as string}`)).arrayBuffer());
    readPng(fresh);
  });

  it('staff add and delete pictures: rows come back through GetAllData, the file of a deleted one is gone', async () => {
    const cursor = sim.control.stats().lastRowVersion;
    const added = sim.control.addPicture(5);
    sim.control.deletePicture(3);
    const delta = await pull(sim, token, { fromPictureVersion: cursor, fromPhotoGalleryVersion: cursor });
    expect(delta.Pictures.map((p) => [p.PictureId, p.Deleted])).toEqual([
      [added.pictureId, false],
      [3, true],
    ]);
    expect(delta.PhotoGalleries.map((g) => [g.PictureId, g.ItemCode, g.Deleted])).toEqual([
      [added.pictureId, 5, false],
      [3, 3, true],
    ]);
    expect((await fetch(`${sim.origin}/Content/Images/all/pic-3.png`)).status).toBe(404);
    expect((await fetch(`${sim.origin}${delta.Pictures[0].Url}`)).status).toBe(200);
  });
});
