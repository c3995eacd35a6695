import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { loginBody, md5Hex, readLoginResult } from './mahak-login.js';
import { parseEnvelope } from './mahak-envelope.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof HamgamError ? e.code : 'not-hamgam';
  }
  return undefined;
};

describe('md5Hex', () => {
  it('gives 32 lower-case hex chars of the UTF-8 bytes', () => {
    expect(md5Hex('demo')).toBe('fe01ce2a7fbac8fafaed7c982a04e229');
    expect(md5Hex('رمز۱۲۳')).toBe('76cca6e9883d391bd90ec762a2f66a5e');
    expect(md5Hex('X')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('loginBody', () => {
  it('sends PascalCase keys, the MD5 and no plain password', () => {
    const body = loginBody({ user: 'فروشگاه-علی', password: 'demo' });
    expect(body).toEqual({
      UserName: 'فروشگاه-علی',
      Password: 'fe01ce2a7fbac8fafaed7c982a04e229',
      Language: 'fa',
      AppId: 'Hamgam',
      Description: 'Hamgam sync',
    });
    expect(JSON.stringify(body)).not.toContain('"demo"');
  });

  it('includes DatabaseId only when configured', () => {
    expect(loginBody({ user: 'u', password: 'p', databaseId: 0 }).DatabaseId).toBe(0);
    expect('DatabaseId' in loginBody({ user: 'u', password: 'p' })).toBe(false);
  });
});

describe('readLoginResult', () => {
  it('reads a camelCase answer into a session', () => {
    const env = parseEnvelope(
      {
        result: true,
        code: 0,
        data: { userToken: 'eyJhbGciOi.x.y', visitorId: 7, databaseId: 4321, userTitle: 'فروشگاه نمونه' },
      },
      'Login',
    );
    expect(readLoginResult(env, undefined)).toEqual({
      token: 'eyJhbGciOi.x.y',
      visitorId: 7,
      databaseId: 4321,
      userTitle: 'فروشگاه نمونه',
    });
  });

  it('falls back to the configured database id', () => {
    const env = parseEnvelope({ Result: true, Data: { UserToken: 't', VisitorId: 1 } }, 'Login');
    expect(readLoginResult(env, 99).databaseId).toBe(99);
  });

  it("turns Result:false into MAHAK_AUTH_FAILED carrying Mahak's message", () => {
    const env = parseEnvelope(
      { Result: false, Code: 12, Message: 'نام کاربری یا رمز عبور اشتباه است', Data: null },
      'Login',
    );
    try {
      readLoginResult(env, undefined);
      expect.unreachable();
    } catch (e) {
      expect((e as HamgamError).code).toBe('MAHAK_AUTH_FAILED');
      expect((e as HamgamError).message).toBe('نام کاربری یا رمز عبور اشتباه است');
    }
  });

  it('refuses a success without a token or visitor as MAHAK_BAD_RESPONSE', () => {
    expect(
      codeOf(() => readLoginResult(parseEnvelope({ Result: true, Data: { VisitorId: 1 } }, 'Login'), 1)),
    ).toBe('MAHAK_BAD_RESPONSE');
    expect(
      codeOf(() => readLoginResult(parseEnvelope({ Result: true, Data: { UserToken: 't' } }, 'Login'), 1)),
    ).toBe('MAHAK_BAD_RESPONSE');
    expect(
      codeOf(() =>
        readLoginResult(
          parseEnvelope({ Result: true, Data: { UserToken: 't', VisitorId: 'x' } }, 'Login'),
          1,
        ),
      ),
    ).toBe('MAHAK_BAD_RESPONSE');
  });
});
