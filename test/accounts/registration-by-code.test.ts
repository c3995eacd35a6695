import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterResponse } from '../../core/contracts/accounts.js';
import { existingAccountSmsText } from '../../core/accounts/registration-by-code.js';
import { hasPostgres } from '../support/services.js';
import { ali, login, maryam, register, sara } from './account-fixtures.js';
import { errorOf, startAccountsTestServer, type AccountsTestServer } from './accounts-test-server.js';

const persianDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

/**
 * Registration by SMS code (issue 11, item 7): the first step answers every mobile alike, so a
 * stranger cannot learn who shops here; only the code from the SMS creates the account.
 */
for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`registration by code on ${driver}`, () => {
    let server: AccountsTestServer;
    beforeAll(async () => {
      server = await startAccountsTestServer({ driver });
      await register(server, sara);
    });
    afterAll(() => server?.close());

    const post = (url: string, payload: unknown) =>
      server.inject({ method: 'POST', url, payload: payload as object });
    const start = (who: Record<string, string>) => post('/api/v1/auth/register', who);
    const verify = (mobile: string, code: string) => post('/api/v1/auth/register/verify', { mobile, code });
    const lastSms = (mobile: string) => server.sms.lastTo(mobile)?.text ?? '';
    const codeSentTo = (mobile: string): string => {
      expect(lastSms(mobile)).toMatch(/^کد تأیید ثبت‌نام شما در فروشگاه: \d{6}$/);
      return lastSms(mobile).slice(-6);
    };
    const customers = async (mobile: string) =>
      Number(
        (
          await server.storage.db.query<{ n: number }>(
            'SELECT COUNT(*) AS n FROM customer_accounts WHERE mobile = ?',
            [mobile],
          )
        )[0].n,
      );
    const waitForResend = () => server.clock.advance(61_000);

    it('answers a known and a new mobile with the same status and body, and texts each owner', async () => {
      const known = await start({ ...sara.typed, firstName: 'مهاجم' });
      const fresh = await start(ali.typed);
      expect(known.statusCode).toBe(202);
      expect(fresh.statusCode).toBe(202);
      expect(known.body).toBe(fresh.body);
      expect(known.json()).toEqual({ expiresInSeconds: 120, resendAfterSeconds: 60 });
      // Sara's phone gets a notice without a code; Ali's gets a code.
      expect(lastSms(sara.mobile)).toBe(existingAccountSmsText);
      expect(lastSms(sara.mobile)).not.toMatch(/\d/);
      codeSentTo(ali.mobile);
      expect(await customers(sara.mobile)).toBe(1);
      expect(await customers(ali.mobile)).toBe(0);
    });

    it('creates the account only with the code, signed in, with the names and password of the request', async () => {
      const code = codeSentTo(ali.mobile);
      const res = await verify('+98 935 111 2233', persianDigits(code));
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<RegisterResponse>();
      expect(body.customer).toMatchObject({ mobile: ali.mobile, firstName: 'علی', lastName: 'رضایی' });
      expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      await login(server, ali.mobile, ali.typed.password);
      // Single use.
      const again = await verify(ali.mobile, code);
      expect(again.statusCode).toBe(401);
      expect(errorOf(again).code).toBe('AUTH_OTP_INVALID');
      expect(await customers(ali.mobile)).toBe(1);
    });

    it('keeps only the password hash and an HMAC of the code while the code is pending', async () => {
      await start(maryam.typed);
      const code = codeSentTo(maryam.mobile);
      const rows = await server.storage.db.query<{ code_hash: string; payload: string }>(
        'SELECT code_hash, payload FROM registration_codes WHERE mobile = ?',
        [maryam.mobile],
      );
      expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].code_hash).not.toContain(code);
      expect(rows[0].payload).not.toContain(maryam.typed.password);
      expect(JSON.parse(rows[0].payload).passwordHash).toMatch(/^scrypt/);
    });

    it('refuses wrong codes, kills the code after five tries, and creates nothing', async () => {
      const code = codeSentTo(maryam.mobile);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const res = await verify(maryam.mobile, wrong);
        expect(res.statusCode).toBe(401);
        expect(errorOf(res)).toMatchObject({ code: 'AUTH_OTP_INVALID' });
      }
      expect((await verify(maryam.mobile, code)).statusCode).toBe(401);
      expect(await customers(maryam.mobile)).toBe(0);
    });

    it('refuses an expired code', async () => {
      waitForResend();
      expect((await start(maryam.typed)).statusCode).toBe(202);
      const code = codeSentTo(maryam.mobile);
      server.clock.advance(121_000);
      expect((await verify(maryam.mobile, code)).statusCode).toBe(401);
      expect(await customers(maryam.mobile)).toBe(0);
    });

    it('limits codes per mobile alike for known and new numbers (429 with the wait)', async () => {
      waitForResend();
      expect((await start(maryam.typed)).statusCode).toBe(202);
      expect((await start(sara.typed)).statusCode).toBe(202);
      server.clock.advance(20_000);
      for (const who of [maryam.typed, sara.typed]) {
        const soon = await start(who);
        expect(soon.statusCode).toBe(429);
        expect(errorOf(soon)).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 40 } });
      }
    });

    it('does not take a sign-in code for registration, nor a registration code for sign-in', async () => {
      waitForResend();
      await start(maryam.typed);
      const registrationCode = codeSentTo(maryam.mobile);
      const signIn = await post('/api/v1/auth/otp/verify', { mobile: maryam.mobile, code: registrationCode });
      expect(signIn.statusCode).toBe(401);
      await post('/api/v1/auth/otp/request', { mobile: sara.mobile });
      const signInCode = lastSms(sara.mobile).slice(-6);
      expect((await verify(sara.mobile, signInCode)).statusCode).toBe(401);
      expect(await customers(sara.mobile)).toBe(1);
      // The registration code still works after the failed cross use.
      expect((await verify(maryam.mobile, registrationCode)).statusCode).toBe(201);
    });

    it('validates the request before sending anything', async () => {
      const before = server.sms.sent.length;
      const res = await start({ ...maryam.typed, mobile: '۰۲۱۸۸۸۸۸۸۸', password: 'short' });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      const badCode = await post('/api/v1/auth/register/verify', { mobile: maryam.mobile, code: '12ab' });
      expect(badCode.statusCode).toBe(400);
      expect(server.sms.sent.length).toBe(before);
    });
  });
}
