import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDto, OtpRequestResponse, TokenPair } from '../../core/contracts/accounts.js';
import { hasPostgres } from '../support/services.js';
import { ali, maryam, register, sara } from './account-fixtures.js';
import {
  badFields,
  bearer,
  errorOf,
  startAccountsTestServer,
  type AccountsTestServer,
} from './accounts-test-server.js';

const persianDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`OTP sign-in on ${driver}`, () => {
    let server: AccountsTestServer;
    beforeAll(async () => {
      server = await startAccountsTestServer({ driver });
      await register(server, sara);
      await register(server, ali);
      await register(server, maryam);
    });
    afterAll(() => server?.close());

    const requestCode = (mobile: string) =>
      server.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { mobile } });
    const verify = (mobile: string, code: string) =>
      server.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { mobile, code } });
    /** The code from the last SMS the console driver "sent" to the mobile. */
    const codeSentTo = (mobile: string): string => {
      const text = server.sms.lastTo(mobile)?.text ?? '';
      expect(text).toMatch(/^کد ورود شما به فروشگاه: \d{6}$/);
      return text.slice(-6);
    };
    /** Past the resend interval, so the next request in a test is not rate limited. */
    const waitForResend = () => server.clock.advance(61_000);

    it('sends a Persian SMS with a 6-digit code that signs the customer in once', async () => {
      const res = await requestCode(sara.typed.mobile);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<OtpRequestResponse>()).toEqual({ expiresInSeconds: 120, resendAfterSeconds: 60 });
      const code = codeSentTo(sara.mobile);
      const ok = await verify('+989123456789', persianDigits(code));
      expect(ok.statusCode, ok.body).toBe(200);
      const pair = ok.json<TokenPair>();
      const me = await server.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(pair.accessToken) });
      expect(me.json<CustomerDto>().mobile).toBe(sara.mobile);
      const refreshed = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: pair.refreshToken },
      });
      expect(refreshed.statusCode).toBe(200);
      const again = await verify(sara.mobile, code);
      expect(again.statusCode).toBe(401);
      expect(errorOf(again).code).toBe('AUTH_OTP_INVALID');
    });

    it('keeps only an HMAC of the code at rest', async () => {
      waitForResend();
      await requestCode(ali.mobile);
      const code = codeSentTo(ali.mobile);
      const rows = await server.storage.db.query<{ code_hash: string }>(
        'SELECT code_hash FROM otp_codes WHERE mobile = ?',
        [ali.mobile],
      );
      expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].code_hash).not.toContain(code);
    });

    it('allows one new code per minute per mobile (429 RATE_LIMITED with the wait)', async () => {
      waitForResend();
      expect((await requestCode(maryam.mobile)).statusCode).toBe(200);
      server.clock.advance(20_000);
      const soon = await requestCode(maryam.typed.mobile);
      expect(soon.statusCode).toBe(429);
      expect(errorOf(soon)).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 40 } });
      server.clock.advance(40_000);
      expect((await requestCode(maryam.mobile)).statusCode).toBe(200);
    });

    it('kills the code after 5 wrong guesses: even the right code fails then', async () => {
      waitForResend();
      await requestCode(ali.mobile);
      const code = codeSentTo(ali.mobile);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const res = await verify(ali.mobile, wrong);
        expect(res.statusCode).toBe(401);
        expect(errorOf(res)).toMatchObject({ code: 'AUTH_OTP_INVALID', details: { reason: 'wrong_code' } });
      }
      const right = await verify(ali.mobile, code);
      expect(right.statusCode).toBe(401);
      expect(errorOf(right)).toMatchObject({
        code: 'AUTH_OTP_INVALID',
        details: { reason: 'expired_or_exhausted' },
      });
    });

    it('expires a code after 2 minutes', async () => {
      waitForResend();
      await requestCode(sara.mobile);
      const code = codeSentTo(sara.mobile);
      server.clock.advance(121_000);
      const res = await verify(sara.mobile, code);
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('AUTH_OTP_INVALID');
    });

    it('answers a mobile without an account exactly like one with, but sends nothing', async () => {
      waitForResend();
      const before = server.sms.sent.length;
      const stranger = await requestCode('09385550000');
      const customer = await requestCode(sara.mobile);
      expect(stranger.statusCode).toBe(200);
      expect(stranger.body).toBe(customer.body);
      expect(server.sms.sent.slice(before).map((m) => m.mobile)).toEqual([sara.mobile]);
      const guess = await verify('09385550000', '123456');
      expect(errorOf(guess).code).toBe('AUTH_OTP_INVALID');
      expect(errorOf(await requestCode('09385550000')).code).toBe('RATE_LIMITED');
    });

    it('validates the mobile and the code shape', async () => {
      const res = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/otp/verify',
        payload: { mobile: '12345', code: '12a' },
      });
      expect(res.statusCode).toBe(400);
      expect(badFields(res)).toEqual(['code', 'mobile']);
    });
  });
}
