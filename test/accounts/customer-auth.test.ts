import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDto, TokenPair } from '../../core/contracts/accounts.js';
import { hasPostgres } from '../support/services.js';
import { ali, login, maryam, register, sara } from './account-fixtures.js';
import {
  badFields,
  bearer,
  errorOf,
  forgeJwt,
  startAccountsTestServer,
  type AccountsTestServer,
} from './accounts-test-server.js';

// Same answers on both storage drivers (STYLE.md rule 10).
for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`customer sign-in on ${driver}`, () => {
    let server: AccountsTestServer;
    beforeAll(async () => {
      server = await startAccountsTestServer({ driver });
    });
    afterAll(() => server?.close());

    const post = (url: string, payload: unknown) =>
      server.inject({ method: 'POST', url, payload: payload as object });
    const me = (token: string) => server.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    const refresh = (refreshToken: string) => post('/api/v1/auth/refresh', { refreshToken });

    describe('register', () => {
      it('creates the customer with a Persian-digit mobile normalised and the names as typed', async () => {
        const body = await register(server, sara);
        expect(body.customer).toMatchObject({
          mobile: sara.mobile,
          firstName: 'سارا',
          lastName: 'محمدی',
          email: null,
        });
        expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
        const profile = await me(body.accessToken);
        expect(profile.statusCode).toBe(200);
        expect(profile.json<CustomerDto>()).toEqual(body.customer);
      });

      it('accepts +98 and Arabic-Indic digits, stores ي as ی and searches on the normalised form', async () => {
        const a = await register(server, ali);
        expect(a.customer).toMatchObject({ mobile: ali.mobile, firstName: 'علی', lastName: 'رضایی' });
        const m = await register(server, maryam);
        expect(m.customer.mobile).toBe(maryam.mobile);
        const rows = await server.storage.db.query<{ search_text: string }>(
          'SELECT search_text FROM customer_accounts WHERE id = ?',
          [a.customer.id],
        );
        expect(rows[0].search_text).toBe('علی رضایی 09351112233');
      });

      it('answers a mobile that already has an account as it answers a new one, and creates nothing', async () => {
        for (const [i, mobile] of [sara.mobile, '+989123456789', '۰۹۱۲۳۴۵۶۷۸۹'].entries()) {
          server.clock.advance(61_000); // past the per-mobile resend limit
          const res = await post('/api/v1/auth/register', { ...sara.typed, mobile, firstName: 'دیگری' });
          const fresh = await post('/api/v1/auth/register', { ...sara.typed, mobile: `0912000900${i}` });
          expect(res.statusCode).toBe(202);
          expect(res.json()).toEqual(fresh.json());
        }
        const [{ n }] = await server.storage.db.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM customer_accounts WHERE mobile = ?',
          [sara.mobile],
        );
        expect(Number(n)).toBe(1);
      });

      it('answers bad input with 400 VALIDATION_FAILED naming every bad field, and stores nothing', async () => {
        const res = await post('/api/v1/auth/register', {
          mobile: '۰۲۱۸۸۸۸۸۸۸',
          password: 'short',
          firstName: '   ',
          extra: true,
        });
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).code).toBe('VALIDATION_FAILED');
        expect(badFields(res)).toEqual(['extra', 'firstName', 'lastName', 'mobile', 'password']);
        const [{ n }] = await server.storage.db.query<{ n: number }>(
          "SELECT COUNT(*) AS n FROM customer_accounts WHERE mobile = '02188888888'",
        );
        expect(Number(n)).toBe(0);
      });

      it('refuses a body past the 8 KiB account limit with 413 before reading it', async () => {
        const res = await post('/api/v1/auth/register', { ...sara.typed, firstName: 'س'.repeat(5000) });
        expect(res.statusCode).toBe(413);
        expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
        const address = await server.inject({
          method: 'POST',
          url: '/api/v1/me/addresses',
          headers: bearer((await login(server, sara.mobile, sara.typed.password)).accessToken),
          payload: { address: 'ا'.repeat(5000) },
        });
        expect(address.statusCode).toBe(413);
      });

      it('stores the password as a self-describing scrypt hash, never as typed', async () => {
        const rows = await server.storage.db.query<{ password_hash: string }>(
          'SELECT password_hash FROM customer_accounts WHERE mobile = ?',
          [sara.mobile],
        );
        expect(rows[0].password_hash).toMatch(
          /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/,
        );
        expect(rows[0].password_hash).not.toContain(sara.typed.password);
      });
    });

    describe('login', () => {
      it('signs in with the mobile typed any way and the exact password', async () => {
        const pair = await login(server, '+98 912 345 6789', sara.typed.password);
        expect((await me(pair.accessToken)).json<CustomerDto>().mobile).toBe(sara.mobile);
      });

      it('gives the same 401 AUTH_INVALID_CREDENTIALS for a wrong password and an unknown mobile', async () => {
        const wrong = await post('/api/v1/auth/login', { mobile: sara.mobile, password: 'not-her-password' });
        const unknown = await post('/api/v1/auth/login', {
          mobile: '09990001122',
          password: 'not-her-password',
        });
        for (const res of [wrong, unknown]) {
          expect(res.statusCode).toBe(401);
          expect(errorOf(res)).toMatchObject({
            code: 'AUTH_INVALID_CREDENTIALS',
            messageFa: 'شماره موبایل یا رمز عبور اشتباه است',
          });
        }
        expect(wrong.body).toBe(unknown.body);
      });
    });

    describe('refresh tokens', () => {
      it('rotates: each refresh answers a new pair and the old refresh token stops working', async () => {
        const first = await login(server, sara.mobile, sara.typed.password);
        const res = await refresh(first.refreshToken);
        expect(res.statusCode, res.body).toBe(200);
        const second = res.json<TokenPair>();
        expect(second.refreshToken).not.toBe(first.refreshToken);
        expect((await me(second.accessToken)).statusCode).toBe(200);
        const third = await refresh(second.refreshToken);
        expect(third.statusCode).toBe(200);
      });

      it('treats reuse of a rotated token as theft: the whole family is revoked', async () => {
        const stolen = await login(server, sara.mobile, sara.typed.password);
        const legit = (await refresh(stolen.refreshToken)).json<TokenPair>();
        const replay = await refresh(stolen.refreshToken);
        expect(replay.statusCode).toBe(401);
        expect(errorOf(replay)).toMatchObject({ code: 'AUTH_TOKEN_INVALID', details: { reason: 'reused' } });
        const afterTheft = await refresh(legit.refreshToken);
        expect(afterTheft.statusCode).toBe(401);
        expect(errorOf(afterTheft).code).toBe('AUTH_TOKEN_INVALID');
        // Another sign-in of the same customer is a different family and is not touched.
        const other = await login(server, sara.mobile, sara.typed.password);
        expect((await refresh(other.refreshToken)).statusCode).toBe(200);
      });

      it('lets only one of two simultaneous refreshes with one token win, and then revokes the family', async () => {
        const pair = await login(server, sara.mobile, sara.typed.password);
        const answers = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
        const codes = answers.map((r) => r.statusCode).sort();
        expect(codes).toEqual([200, 401]);
        const winner = answers.find((r) => r.statusCode === 200)!.json<TokenPair>();
        expect((await refresh(winner.refreshToken)).statusCode).toBe(401);
      });

      it('keeps only the sha256 of a refresh token in the database', async () => {
        const pair = await login(server, ali.mobile, ali.typed.password);
        const hash = createHash('sha256').update(pair.refreshToken).digest('hex');
        const rows = await server.storage.db.query<{ token_hash: string; subject_type: string }>(
          'SELECT token_hash, subject_type FROM refresh_tokens WHERE token_hash = ? OR token_hash = ?',
          [hash, pair.refreshToken],
        );
        expect(rows).toEqual([{ token_hash: hash, subject_type: 'customer' }]);
      });

      it('refuses an unknown or malformed refresh token', async () => {
        const unknown = await refresh('x'.repeat(43));
        expect(unknown.statusCode).toBe(401);
        expect(errorOf(unknown).code).toBe('AUTH_TOKEN_INVALID');
        const tooShort = await refresh('abc');
        expect(tooShort.statusCode).toBe(400);
        expect(badFields(tooShort)).toEqual(['refreshToken']);
      });

      it('refuses a refresh token past its lifetime (30 days)', async () => {
        const pair = await login(server, maryam.mobile, maryam.typed.password);
        server.clock.advance(30 * 86_400_000 + 1000);
        try {
          const res = await refresh(pair.refreshToken);
          expect(res.statusCode).toBe(401);
          expect(errorOf(res)).toMatchObject({ code: 'AUTH_TOKEN_INVALID', details: { reason: 'expired' } });
        } finally {
          server.clock.advance(-(30 * 86_400_000 + 1000));
        }
      });
    });

    describe('logout', () => {
      it('revokes the session; logging out again is still 204', async () => {
        const pair = await login(server, ali.mobile, ali.typed.password);
        const rotated = (await refresh(pair.refreshToken)).json<TokenPair>();
        const out = await post('/api/v1/auth/logout', { refreshToken: rotated.refreshToken });
        expect(out.statusCode).toBe(204);
        expect(out.body).toBe('');
        const again = await refresh(rotated.refreshToken);
        expect(again.statusCode).toBe(401);
        expect(errorOf(again).code).toBe('AUTH_TOKEN_INVALID');
        expect((await post('/api/v1/auth/logout', { refreshToken: rotated.refreshToken })).statusCode).toBe(
          204,
        );
      });
    });

    describe('access tokens', () => {
      it('answers /me without a token with 401 UNAUTHORIZED', async () => {
        const res = await server.inject({ method: 'GET', url: '/api/v1/me' });
        expect(res.statusCode).toBe(401);
        expect(errorOf(res)).toMatchObject({ code: 'UNAUTHORIZED', messageFa: 'ابتدا وارد شوید' });
      });

      it('answers an expired token with 401 AUTH_TOKEN_INVALID (reason expired), a forged one likewise', async () => {
        const registered = await register(server, { typed: { ...sara.typed, mobile: '09120000001' } });
        const { id } = registered.customer;
        // A live session of this customer, so only the named reason can fail the forged tokens.
        const { sid } = JSON.parse(
          Buffer.from(registered.accessToken.split('.')[1], 'base64url').toString('utf8'),
        ) as { sid: string };
        const now = Math.floor(Date.now() / 1000);
        const secret = server.accounts.jwtSecret;
        const expired = forgeJwt(secret, { sub: id, sid, typ: 'customer', iat: now - 3600, exp: now - 60 });
        const res = await me(expired);
        expect(res.statusCode).toBe(401);
        expect(errorOf(res)).toMatchObject({ code: 'AUTH_TOKEN_INVALID', details: { reason: 'expired' } });
        const forged = forgeJwt('not-the-server-secret-at-all', {
          sub: id,
          sid,
          typ: 'customer',
          iat: now,
          exp: now + 600,
        });
        expect(errorOf(await me(forged))).toMatchObject({
          code: 'AUTH_TOKEN_INVALID',
          details: { reason: 'invalid' },
        });
        expect(errorOf(await me('garbage.token.here')).code).toBe('AUTH_TOKEN_INVALID');
        // The same claims signed with the real secret pass: the checks above failed for the reason named.
        const good = forgeJwt(secret, { sub: id, sid, typ: 'customer', iat: now, exp: now + 600 });
        expect((await me(good)).statusCode).toBe(200);
      });

      it('refuses a token whose algorithm is not HS256 (alg: none)', async () => {
        const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        const { id } = (await register(server, { typed: { ...ali.typed, mobile: '09120000002' } })).customer;
        const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: id, typ: 'customer' })}.`;
        expect(errorOf(await me(unsigned)).code).toBe('AUTH_TOKEN_INVALID');
      });
    });
  });
}
