import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';

/** SaveAllData, disputes and Upload against the real Mahak simulator. */

let sim: MahakSim;
let client: MahakClient;
let line: { ProductDetailId: number; StoreId: number; Price: number };
let personId: number;
let personGroupId: number;

beforeAll(async () => {
  sim = await startMahakSim({ port: 0, products: 50, seed: 1 });
  client = new MahakClient({
    baseUrl: sim.syncUrl,
    user: 'demo',
    password: 'demo',
    logger: createSilentLogger(),
    timeoutMs: 2_000,
    retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
  });
  const { records } = await client.getAllData({
    cursors: {
      VisitorProducts: 0,
      ProductDetailStoreAssets: 0,
      ProductDetails: 0,
      People: 0,
      PersonGroups: 0,
    },
  });
  const assigned = new Set(records.VisitorProducts!.filter((v) => !v.Deleted).map((v) => v.ProductDetailId));
  const stock = records.ProductDetailStoreAssets!.find(
    (s) => assigned.has(s.ProductDetailId) && (s.Count1 as number) >= 5 && !s.Deleted,
  )!;
  const detail = records.ProductDetails!.find((d) => d.ProductDetailId === stock.ProductDetailId)!;
  line = {
    ProductDetailId: stock.ProductDetailId as number,
    StoreId: stock.StoreId as number,
    Price: detail.Price1 as number,
  };
  personId = records.People!.find((p) => !p.Deleted)!.PersonId as number;
  personGroupId = records.PersonGroups![0].PersonGroupId as number;
});
afterAll(async () => sim.close());
afterEach(() => sim.control.clearFaults());

const order = (clientId: number, extra: Record<string, unknown> = {}) => ({
  OrderClientId: clientId,
  VisitorId: 7,
  PersonId: personId,
  OrderType: 201,
  OrderDate: '2025-03-01T10:00:00',
  Description: 'سفارش اینترنتی',
  ...extra,
});
const orderLine = (clientId: number, orderClientId: number, extra: Record<string, unknown> = {}) => ({
  OrderDetailClientId: clientId,
  OrderClientId: orderClientId,
  ItemType: 1,
  ...line,
  Count1: 1,
  ...extra,
});

describe('MahakClient.saveAllData against the simulator', () => {
  it('saves dependent records in one request and aligns results with the input', async () => {
    const res = await client.saveAllData({
      People: [
        {
          PersonClientId: 9001,
          PersonGroupId: personGroupId,
          FirstName: 'مریم',
          LastName: 'کریمی',
          PersonType: 0,
          Mobile: '09121234567',
        },
      ],
      Orders: [order(1001)],
      OrderDetails: [orderLine(2001, 1001), orderLine(2002, 1001, { Count1: 2 })],
    });
    expect(res.ok).toBe(true);
    expect(res.results.People).toHaveLength(1);
    expect(res.results.OrderDetails!.map((r) => r.Index)).toEqual([0, 1]);
    expect(res.results.Orders![0]).toMatchObject({ Result: true, EntityClientId: 1001, Errors: [] });
    expect(res.results.Orders![0].EntityId).toBeGreaterThan(0);
    expect(res.results.Orders![0].RowVersion).toBeGreaterThan(2 ** 32);
    expect(sim.control.books().Orders.map((o) => o.OrderClientId)).toContain(1001);
  });

  it('returns a re-sent order as Result:false with the Persian "already registered" error, not an exception', async () => {
    const res = await client.saveAllData({ Orders: [order(1001)] });
    expect(res.ok).toBe(false);
    expect(res.message).toBeTruthy();
    const [r] = res.results.Orders!;
    expect(r.Result).toBe(false);
    expect(r.EntityId).toBeGreaterThan(0); // the existing order's server id
    expect(r.Errors[0].Property).toBe('OrderId');
    expect(r.Errors[0].Error).toMatch(/ثبت.*ویرایش/);
  });

  it('keeps results aligned when one record of several fails', async () => {
    const res = await client.saveAllData({
      Orders: [order(1101), order(1102, { PersonId: 999_999_999 })],
      OrderDetails: [orderLine(2101, 1101), orderLine(2102, 1102)],
    });
    expect(res.ok).toBe(false);
    expect(res.results.Orders![1].Errors.some((e) => e.Property?.startsWith('Person'))).toBe(true);
    expect(res.results.Orders!.map((r) => r.Index)).toEqual([0, 1]);
    expect(res.results.OrderDetails).toHaveLength(2);
    expect(sim.control.books().Orders.map((o) => o.OrderClientId)).not.toContain(1101); // the sim saves all or nothing
  });

  it('renews an expired token and saves exactly once', async () => {
    sim.control.addFault({ kind: 'tokenExpiry', operation: 'SaveAllData', times: 1 });
    const logins = sim.control.stats().requests.Login ?? 0;
    const res = await client.saveAllData({ Orders: [order(1201)], OrderDetails: [orderLine(2201, 1201)] });
    expect(res.ok).toBe(true);
    expect(sim.control.books().Orders.filter((o) => o.OrderClientId === 1201)).toHaveLength(1);
    expect((sim.control.stats().requests.Login ?? 0) - logins).toBe(1);
  });

  it('sends nothing for an empty request', async () => {
    const before = sim.control.stats().requests.SaveAllData ?? 0;
    expect(await client.saveAllData({ Orders: [] })).toEqual({ ok: true, results: {} });
    expect(sim.control.stats().requests.SaveAllData ?? 0).toBe(before);
  });
});

describe('MahakClient upload and disputes against the simulator', () => {
  it('saves picture metadata, uploads the bytes and downloads them back', async () => {
    const saved = await client.saveAllData({
      Pictures: [{ PictureClientId: 3001, FileName: 'chai-ahmad.png', Title: 'چای احمد' }],
    });
    expect(saved.ok).toBe(true);
    const pictureId = saved.results.Pictures![0].EntityId!;
    const bytes = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('همگام', 'utf8'),
    ]);
    const up = await client.upload(pictureId, 'chai-ahmad.png', bytes);
    expect(up.fileUrl).toMatch(/^\//);
    expect(up.fileHash).toBeTruthy();
    const back = await client.downloadPicture(up.fileUrl!);
    expect(back.bytes.equals(bytes)).toBe(true);
    expect(back.contentType).toMatch(/^image\/png/);
  });

  it('uploads under a Persian file name', async () => {
    const saved = await client.saveAllData({ Pictures: [{ PictureClientId: 3002, FileName: 'زعفران.png' }] });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 7, 7, 7]);
    const up = await client.upload(saved.results.Pictures![0].EntityId!, 'زعفران.png', bytes);
    expect((await client.downloadPicture(up.fileUrl!)).bytes.equals(bytes)).toBe(true);
  });

  it('refuses an upload for an unknown picture with MAHAK_REJECTED', async () => {
    await expect(client.upload(987_654_321, 'x.png', Buffer.from([1]))).rejects.toMatchObject({
      code: 'MAHAK_REJECTED',
    });
  });

  it('solveDispute returns Data and re-delivers a mismatched row with a new RowVersion', async () => {
    const [p] = sim.control.snapshot('Products');
    const data = (await client.solveDispute('product', [{ id: p.ProductId as number, rw: 1 }])) as {
      Mismatches: { Id: number; RowVersion: number }[];
    };
    expect(data.Mismatches).toHaveLength(1);
    expect(data.Mismatches[0].Id).toBe(p.ProductId);
    expect(data.Mismatches[0].RowVersion).toBeGreaterThan(p.RowVersion as number);
    await expect(client.solveDispute('نامعلوم', [{ id: 1, rw: 1 }])).rejects.toMatchObject({
      code: 'MAHAK_REJECTED',
    });
  });

  it('solveOrderDispute returns Data for the orders asked about', async () => {
    const saved = sim.control.books().Orders.find((o) => o.OrderClientId === 1001)!;
    const data = (await client.solveOrderDispute([
      { id: saved.OrderId as number, code: 0 },
      { id: 123_456_789, code: 0 },
    ])) as {
      Orders: unknown[];
      Missing: number[];
    };
    expect(data.Orders).toHaveLength(1);
    expect(data.Missing).toEqual([123_456_789]);
  });
});
