import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../core/contracts/accounts.js';
import { login, register, sara, staffLogin } from './account-fixtures.js';
import { bearer, errorOf, startAccountsTestServer, type AccountsTestServer } from './accounts-test-server.js';

/** The claims of a JWT, read without checking it (the server checks; the test only looks). */
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

const clerk = { username: 'nasrin', password: 'nasrin-anbar-1403' };

/**
 * Access tokens live as long as they say (expiresIn) and no longer than their session: logout and
 * refresh-token reuse end them at once, for customers and staff alike (issue 11, finding 1).
 */
describe('access tokens and their session', () => {
  let server: AccountsTestServer;
  beforeAll(async () => {
    server = await startAccountsTestServer();
    await server.accounts.staff.create({ ...clerk, role: 'staff' });
    await register(server, sara);
  });
  afterAll(() => server?.close());

  const post = (url: string, payload: unknown) =>
    server.inject({ method: 'POST', url, payload: payload as object });
  const me = (token: string) => server.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
  const staffMe = (token: string) =>
    server.inject({ method: 'GET', url: '/admin/api/me', headers: bearer(token) });
  const customer = () => login(server, sara.mobile, sara.typed.password);
  const staff = () => staffLogin(server, clerk.username, clerk.password);

  it('gives customer and staff tokens exactly the advertised lifetime (exp - iat = expiresIn)', async () => {
    for (const pair of [await customer(), await staff()]) {
      const { exp, iat } = claimsOf(pair.accessToken) as { exp: number; iat: number };
      expect(pair.expiresIn).toBe(900);
      expect(exp - iat).toBe(pair.expiresIn);
    }
  });

  it('carries the session id, the same across refreshes of one sign-in', async () => {
    const first = await customer();
    const next = (await post('/api/v1/auth/refresh', { refreshToken: first.refreshToken })).json<TokenPair>();
    expect(claimsOf(first.accessToken).sid).toEqual(expect.any(String));
    expect(claimsOf(next.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
    // A normal rotation does not end the session: the older access token is still good.
    expect((await me(first.accessToken)).statusCode).toBe(200);
    expect(claimsOf((await customer()).accessToken).sid).not.toBe(claimsOf(first.accessToken).sid);
  });

  const loggedOut = [
    ['customer', customer, '/api/v1/auth/logout', me],
    ['staff', staff, '/admin/api/auth/logout', staffMe],
  ] as const;
  for (const [who, signIn, logoutUrl, probe] of loggedOut) {
    it(`ends a ${who}'s access token at logout, and only that session's`, async () => {
      const pair = await signIn();
      const other = await signIn();
      expect((await probe(pair.accessToken)).statusCode).toBe(200);
      expect((await post(logoutUrl, { refreshToken: pair.refreshToken })).statusCode).toBe(204);
      const after = await probe(pair.accessToken);
      expect(after.statusCode).toBe(401);
      expect(errorOf(after)).toMatchObject({ code: 'AUTH_TOKEN_INVALID', details: { reason: 'session' } });
      expect((await probe(other.accessToken)).statusCode).toBe(200);
    });
  }

  const reused = [
    ['customer', customer, '/api/v1/auth/refresh', me],
    ['staff', staff, '/admin/api/auth/refresh', staffMe],
  ] as const;
  for (const [who, signIn, refreshUrl, probe] of reused) {
    it(`ends every ${who} access token of a family revoked for refresh-token reuse`, async () => {
      const stolen = await signIn();
      const legit = (await post(refreshUrl, { refreshToken: stolen.refreshToken })).json<TokenPair>();
      expect((await probe(legit.accessToken)).statusCode).toBe(200);
      expect((await post(refreshUrl, { refreshToken: stolen.refreshToken })).statusCode).toBe(401);
      for (const token of [stolen.accessToken, legit.accessToken]) {
        expect(errorOf(await probe(token))).toMatchObject({ details: { reason: 'session' } });
      }
    });
  }

  it('refuses a validly signed token without a session id', async () => {
    const pair = await customer();
    const { sid: _sid, ...claims } = claimsOf(pair.accessToken);
    const bare = server.app.jwt.sign(claims as never);
    expect(errorOf(await me(bare))).toMatchObject({
      code: 'AUTH_TOKEN_INVALID',
      details: { reason: 'claims' },
    });
  });

  it('ends the token on another instance of the same database within the session cache time', async () => {
    const second = await startAccountsTestServer({ dbUrl: server.dbUrl });
    try {
      second.clock.now = server.clock.now;
      const pair = await customer();
      const probeSecond = () =>
        second.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(pair.accessToken) });
      expect((await probeSecond()).statusCode).toBe(200);
      await post('/api/v1/auth/logout', { refreshToken: pair.refreshToken });
      second.clock.advance(5_001);
      expect((await probeSecond()).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });
});
