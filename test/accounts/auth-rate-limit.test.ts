import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from '../api/api-test-server.js';
import { errorOf } from './accounts-test-server.js';

// The server as built by default (sign-in limit 10/min per IP per route, global limit 600/min).
describe('sign-in rate limit', () => {
  let server: ApiTestServer;
  beforeAll(async () => {
    server = await startApiTestServer({ seed: false });
  });
  afterAll(() => server?.close());

  // A different mobile each time, so the per-account lockout (login-lockout.test.ts) stays out of it.
  let tried = 0;
  const login = (remoteAddress: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { mobile: `0912111${String(2000 + tried++)}`, password: 'guessing-again' },
    });

  it('answers the 11th login in a minute from one address with 429 RATE_LIMITED', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await login('10.0.0.7')).statusCode);
    expect(codes).toEqual([...Array(10).fill(401), 429]);
    const res = await login('10.0.0.7');
    expect(errorOf(res)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits each address on its own, and leaves other routes to the global limit', async () => {
    expect((await login('10.0.0.8')).statusCode).toBe(401);
    const otp = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/request',
      remoteAddress: '10.0.0.7',
      payload: { mobile: '09121112233' },
    });
    expect(otp.statusCode).toBe(200);
    const catalogue = await server.app.inject({
      method: 'GET',
      url: '/api/v1/categories',
      remoteAddress: '10.0.0.7',
    });
    expect(catalogue.statusCode).toBe(200);
  });
});
