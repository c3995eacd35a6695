import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Hex, startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { call, login, pull } from './sim-http.js';

let sim: MahakSim;
beforeAll(async () => {
  sim = await startMahakSim({ port: 0, products: 30, seed: 7 });
});
afterAll(() => sim.close());

describe('mahak-sim transport (API.md §1, §2)', () => {
  it('routes path and operation case-insensitively, V1 and V2 alike', async () => {
    const body = { userName: 'demo', password: md5Hex('demo') };
    for (const [prefix, op] of [
      ['/API/v3/Sync', 'Login'],
      ['/api/v3/sync', 'login'],
      ['/Api/V3/SYNC', 'LOGINV2'],
      ['/api/v3/sync', 'LoginV2'],
    ]) {
      const r = await call(sim, op, body, { prefix });
      expect(r.status, `${prefix}/${op}`).toBe(200);
      expect(r.body.Result).toBe(true);
    }
    const token = await login(sim);
    for (const op of ['getalldata', 'GetAllDataV2', 'GETALLDATA']) {
      const r = await call(sim, op, { fromStoreVersion: 0 }, { token, prefix: '/api/v3/sync' });
      expect(r.body.Data.Objects.Stores.length).toBeGreaterThan(1);
    }
  });

  it('accepts the four JSON content types', async () => {
    const token = await login(sim);
    for (const contentType of [
      'application/json',
      'application/json-patch+json',
      'text/json',
      'application/vnd.mahak+json',
      'application/json; charset=utf-8',
    ]) {
      const r = await call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token, contentType });
      expect(r.status, contentType).toBe(200);
      expect(r.body.Result).toBe(true);
    }
  });

  it('binds request keys case-insensitively and answers PascalCase', async () => {
    const r = await call(sim, 'Login', { USERNAME: 'demo', PassWord: md5Hex('demo'), databaseid: 1 });
    expect(Object.keys(r.body)).toEqual(['Result', 'Code', 'Message', 'Data']);
    const data = r.body.Data;
    expect(data.UserToken).toMatch(/^eyJhbGci[\w-]*\.[\w-]+\.[\w-]+$/);
    expect(data).toMatchObject({
      VisitorId: 7,
      DatabaseId: 1,
      ErrorCode: 0,
      HasRadara: false,
      WithDataTransfer: false,
    });
    expect(typeof data.PackageNo).toBe('number');
    expect(typeof data.SyncId).toBe('number');
    expect(typeof data.CreditDay).toBe('number');
    expect(data.UserTitle).toMatch(/[\u0600-\u06FF]/);
    expect(Number.isNaN(Date.parse(data.ServerTime))).toBe(false);
    const objects = await pull(sim, data.UserToken, {
      FromProductVersion: 0,
      fromproductdetailversion: 0,
      fromVisitorProductVersion: 0,
    });
    expect(Object.keys(objects).sort()).toEqual(['ProductDetails', 'Products', 'VisitorProducts']);
    expect(Object.keys(objects.Products[0])).toContain('ProductId');
  });

  it('logs in only with the MD5 hex of the password', async () => {
    const good = await call(sim, 'Login', {
      userName: 'demo',
      password: md5Hex('demo').toUpperCase(),
      databaseId: 0,
    });
    expect(good.body.Result).toBe(true);
    for (const password of ['demo', md5Hex('wrong'), '']) {
      const r = await call(sim, 'Login', { userName: 'demo', password });
      expect(r.status).toBe(200);
      expect(r.body.Result).toBe(false);
      expect(r.body.Message).toMatch(/[\u0600-\u06FF]/);
      expect(r.body.Data.ErrorCode).toBeGreaterThan(0);
      expect(r.body.Data.ErrorMessage).toBe(r.body.Message);
    }
    const wrongUser = await call(sim, 'Login', { userName: 'someone', password: md5Hex('demo') });
    expect(wrongUser.body.Result).toBe(false);
    const wrongDb = await call(sim, 'Login', { userName: 'demo', password: md5Hex('demo'), databaseId: 99 });
    expect(wrongDb.body.Result).toBe(false);
  });

  it('takes the token as "Bearer x", "bearer : x", bare "x", body UserToken or query userToken', async () => {
    const token = await login(sim);
    for (const auth of ['bearer', 'colon', 'bare'] as const) {
      const r = await call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token, auth });
      expect(r.status, auth).toBe(200);
    }
    const inBody = await call(sim, 'GetAllData', { fromStoreVersion: 0, UserToken: token });
    expect(inBody.status).toBe(200);
    const inQuery = await fetch(`${sim.syncUrl}/GetAllData?userToken=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fromStoreVersion: 0 }),
    });
    expect(inQuery.status).toBe(200);
  });

  it('answers HTTP 401 with a Persian envelope for a missing, forged or expired token', async () => {
    const token = await login(sim);
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const t of [undefined, 'not-a-token', forged]) {
      const r = await call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token: t });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ Result: false, Code: 401 });
      expect(r.body.Message).toMatch(/[\u0600-\u06FF]/);
    }
    sim.control.expireTokens();
    expect((await call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token })).status).toBe(401);
    const fresh = await login(sim);
    expect((await call(sim, 'GetAllData', { fromStoreVersion: 0 }, { token: fresh })).status).toBe(200);
  });

  it('expires tokens after their lifetime', async () => {
    const short = await startMahakSim({ port: 0, products: 5, tokenTtlMs: 150 });
    try {
      const token = await login(short);
      expect((await call(short, 'GetAllData', { fromStoreVersion: 0 }, { token })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 250));
      expect((await call(short, 'GetAllData', { fromStoreVersion: 0 }, { token })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('rejects malformed requests with HTTP 400 and an envelope', async () => {
    const token = await login(sim);
    const res = await fetch(`${sim.syncUrl}/GetAllData`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: '{"fromStoreVersion": 0,',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ Result: false });
    const bad = await call(sim, 'GetAllData', { fromStoreVersion: 'abc' }, { token });
    expect(bad.status).toBe(400);
    const unknownOp = await call(sim, 'DoSomething', {}, { token });
    expect(unknownOp.status).toBe(404);
  });
});
