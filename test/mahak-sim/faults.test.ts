import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { call, control, login, pull, save, type Row } from './sim-http.js';

let sim: MahakSim;
let token: string;
beforeEach(async () => {
  sim = await startMahakSim({ port: 0, products: 20, seed: 9 });
  token = await login(sim);
});
afterEach(() => sim.close());

const stores = () => call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token });

function order(clientId: number) {
  const asset = sim.control
    .snapshot('ProductDetailStoreAssets')
    .find((a) => a.StoreId === 1 && (a.Count1 as number) > 2)!;
  return {
    Orders: [{ OrderClientId: clientId, VisitorId: 7, PersonId: 1, OrderType: 201 }],
    OrderDetails: [
      {
        OrderClientId: clientId,
        ProductDetailId: asset.ProductDetailId,
        Count1: 1,
        Price: 1_000_000,
        StoreId: 1,
      },
    ],
  };
}

describe('fault injection', () => {
  it('latency delays only the matching operation', async () => {
    sim.control.addFault({ kind: 'latency', operation: 'GetAllData', ms: 300, times: 1 });
    const t0 = Date.now();
    expect((await stores()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    const t1 = Date.now();
    await stores();
    expect(Date.now() - t1).toBeLessThan(250);
  });

  it('http5xx fails `times` requests (V2 matched too), then the server recovers', async () => {
    sim.control.addFault({ kind: 'http5xx', operation: 'getalldata', times: 2, status: 502 });
    expect((await call(sim, 'GetAllDataV2', { fromStoreVersion: 0 }, { token })).status).toBe(502);
    expect((await stores()).status).toBe(502);
    expect((await stores()).status).toBe(200);
    expect(sim.control.faults()).toEqual([]);
  });

  it('http5xx after handling: the order is committed although the client saw 503', async () => {
    sim.control.addFault({ kind: 'http5xx', operation: 'SaveAllData', phase: 'after', times: 1 });
    const body = order(1);
    expect((await save(sim, token, body)).status).toBe(503);
    expect(sim.control.books().Orders).toHaveLength(1);
    const retry = await save(sim, token, body);
    expect(retry.body.Data.Objects.Orders.Results[0].Errors[0].Property).toBe('OrderId');
    expect(sim.control.books().Orders).toHaveLength(1);
  });

  it('http429 answers Too Many Requests with Retry-After', async () => {
    sim.control.addFault({ kind: 'http429', times: 1 });
    const r = await stores();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('timeout hangs until the client gives up; phase after still commits', async () => {
    sim.control.addFault({ kind: 'timeout', operation: 'GetAllData', times: 1 });
    await expect(
      call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect((await stores()).status).toBe(200);
    sim.control.addFault({ kind: 'timeout', operation: 'SaveAllData', phase: 'after', times: 1 });
    await expect(
      call(sim, 'SaveAllData', order(2), { token, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(sim.control.books().Orders.map((o) => o.OrderClientId)).toEqual([2]);
  });

  it('timeout with ms drops the connection after that long', async () => {
    sim.control.addFault({ kind: 'timeout', ms: 200, times: 1 });
    const t0 = Date.now();
    await expect(stores()).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
  });

  it('truncate cuts the body: aborted connection, or half a JSON document', async () => {
    sim.control.addFault({ kind: 'truncate', operation: 'GetAllData', times: 1 });
    await expect(call(sim, 'GetAllData', { fromProductVersion: 0 }, { token })).rejects.toThrow();
    sim.control.addFault({ kind: 'truncate', operation: 'GetAllData', mode: 'invalidJson', times: 1 });
    const r = await call(sim, 'GetAllData', { fromProductVersion: 0 }, { token });
    expect(r.status).toBe(200);
    expect(r.body).toBeUndefined();
    expect(r.text.startsWith('{"Result":true')).toBe(true);
    // A truncated SaveAllData response still committed the save.
    sim.control.addFault({ kind: 'truncate', operation: 'SaveAllData', times: 1 });
    await expect(save(sim, token, order(3))).rejects.toThrow();
    expect(sim.control.books().Orders.map((o) => o.OrderClientId)).toEqual([3]);
  });

  it('tokenExpiry invalidates every token at once', async () => {
    sim.control.addFault({ kind: 'tokenExpiry', operation: 'GetAllData', times: 1 });
    expect((await stores()).status).toBe(401);
    expect((await stores()).status).toBe(401);
    token = await login(sim);
    expect((await stores()).status).toBe(200);
  });

  it('appError answers HTTP 200 with Result false and a Persian message', async () => {
    sim.control.addFault({ kind: 'appError', times: 1 });
    const r = await stores();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ Result: false, Code: 500 });
    expect(r.body.Message).toMatch(/[\u0600-\u06FF]/);
  });

  it('phantomSave answers success with ids but persists nothing', async () => {
    sim.control.addFault({ kind: 'phantomSave', times: 1 });
    const r = await save(sim, token, order(4));
    expect(r.body.Result).toBe(true);
    expect(r.body.Data.Objects.Orders.Results[0].EntityId).toBeGreaterThan(0);
    expect(sim.control.books().Orders).toEqual([]);
    expect((await pull(sim, token, { fromOrderVersion: 0 })).Orders).toEqual([]);
    expect(sim.control.stats().phantomSaves).toBe(1);
    // Only a read-back reveals it; sending the order again really saves it.
    expect((await save(sim, token, order(4))).body.Result).toBe(true);
    expect(sim.control.books().Orders).toHaveLength(1);
  });

  it('late: a saved order becomes visible later, below RowVersions handed out meanwhile', async () => {
    // The simulator's clock stands still until the test moves it: on a loaded machine the requests
    // below can take longer than the fault's 400 ms, and the order would show too early.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    sim.control.addFault({ kind: 'late', ms: 400, times: 1 });
    const r = await save(sim, token, order(5));
    const orderRv = r.body.Data.Objects.Orders.Results[0].RowVersion;
    expect((await pull(sim, token, { fromOrderVersion: 0 })).Orders).toEqual([]);
    expect(sim.control.books().Orders).toHaveLength(1);
    // Re-sending while invisible is still recognised: identity is registered at commit.
    expect((await save(sim, token, order(5))).body.Result).toBe(false);
    const later = await save(sim, token, order(6));
    expect(later.body.Data.Objects.Orders.Results[0].RowVersion).toBeGreaterThan(orderRv);
    const seen = (await pull(sim, token, { fromOrderVersion: 0 })).Orders;
    expect(seen.map((o) => o.OrderClientId)).toEqual([6]);
    vi.setSystemTime(Date.now() + 450);
    const cursor = seen[0].RowVersion as number;
    expect((await pull(sim, token, { fromOrderVersion: cursor })).Orders).toEqual([]);
    const all = (await pull(sim, token, { fromOrderVersion: 0 })).Orders;
    expect(all.map((o) => [o.OrderClientId, o.RowVersion])).toEqual([
      [5, orderRv],
      [6, cursor],
    ]);
  });

  it('late desk change: reserved now, visible on release, with a RowVersion below later changes', async () => {
    const base = (await pull(sim, token, { fromProductDetailVersion: 0 })).ProductDetails;
    const cursor = Math.max(...base.map((d: Row) => d.RowVersion as number));
    const late = sim.control.late({ op: 'setPrices', detailId: 1, prices: { Price1: 1_111_000 } });
    const next = sim.control.setPrices(2, { Price1: 2_222_000 });
    expect(late.written[0].rowVersion).toBeLessThan(next.written[0].rowVersion);
    const first = (await pull(sim, token, { fromProductDetailVersion: cursor })).ProductDetails;
    expect(first.map((d) => d.ProductDetailId)).toEqual([2]);
    expect(sim.control.snapshot('ProductDetails').find((d) => d.ProductDetailId === 1)!.Price1).not.toBe(
      1_111_000,
    );
    sim.control.releaseLate(late.lateId);
    expect(
      (await pull(sim, token, { fromProductDetailVersion: first[0].RowVersion })).ProductDetails,
    ).toEqual([]);
    const overlap = (await pull(sim, token, { fromProductDetailVersion: cursor })).ProductDetails;
    expect(overlap.map((d) => [d.ProductDetailId, d.Price1])).toEqual([
      [1, 1_111_000],
      [2, 2_222_000],
    ]);
  });

  it('probability draws from the seeded stream: same seed, same sequence', async () => {
    const run = async (s: MahakSim) => {
      const t = await login(s);
      s.control.addFault({ kind: 'http5xx', operation: 'GetAllData', probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++)
        out.push((await call(s, 'GetAllData', { fromStoreVersion: 0 }, { token: t })).status);
      return out;
    };
    const other = await startMahakSim({ port: 0, products: 20, seed: 9 });
    try {
      const a = await run(sim);
      const b = await run(other);
      expect(a).toEqual(b);
      const failures = a.filter((s) => s === 503).length;
      expect(failures).toBeGreaterThan(3);
      expect(failures).toBeLessThan(27);
    } finally {
      await other.close();
    }
  });

  it('faults are managed over HTTP too, and image requests can fail', async () => {
    const added = await control(sim, 'POST', '/faults', [
      { kind: 'http5xx', operation: 'Image', times: 1 },
      { kind: 'latency', ms: 1 },
    ]);
    expect(added.status).toBe(200);
    expect((await control(sim, 'GET', '/faults')).body).toHaveLength(2);
    expect((await fetch(`${sim.origin}/Content/Images/all/pic-1.png`)).status).toBe(503);
    expect((await fetch(`${sim.origin}/Content/Images/all/pic-1.png`)).status).toBe(200);
    expect((await control(sim, 'POST', '/faults', { kind: 'meteor' })).status).toBe(400);
    await control(sim, 'DELETE', '/faults');
    expect(sim.control.faults()).toEqual([]);
    await control(sim, 'POST', '/tokens/expire');
    expect((await stores()).status).toBe(401);
  });
});
