import { describe, expect, it } from 'vitest';
import { syncErrorKinds } from '../contracts/admin-sync.js';
import { adviseSyncError, classifySyncError, syncErrorTexts } from './sync-error-advice.js';

describe('classifySyncError', () => {
  it('tells a wrong password from a wrong database id by Mahak’s login answer', () => {
    const password = { code: 'MAHAK_AUTH_FAILED', message: 'نام کاربری یا رمز عبور اشتباه است' };
    expect(classifySyncError({ ...password, details: { code: 1, message: password.message } })).toBe(
      'mahak_wrong_password',
    );
    expect(
      classifySyncError({ code: 'MAHAK_AUTH_FAILED', message: 'پايگاه داده مورد نظر يافت نشد' }), // Arabic ي
    ).toBe('mahak_wrong_database');
    expect(
      classifySyncError({ code: 'MAHAK_AUTH_FAILED', message: 'ورود ناموفق', details: { code: 2 } }),
    ).toBe('mahak_wrong_database');
  });

  it('recognises an expired subscription in Persian or English, before the password rule', () => {
    for (const message of ['اشتراک شما به پایان رسیده است', 'مجوز وب سرویس منقضی شده', 'Licence expired']) {
      expect(classifySyncError({ code: 'MAHAK_AUTH_FAILED', message })).toBe('mahak_licence_expired');
    }
    expect(classifySyncError({ code: 'MAHAK_REJECTED', message: 'Subscription has ended' })).toBe(
      'mahak_licence_expired',
    );
  });

  it('a token refused right after a fresh login is an access problem, not a password one', () => {
    expect(
      classifySyncError({
        code: 'MAHAK_AUTH_FAILED',
        message: 'Mahak GetAllData: the token was refused after a fresh login',
      }),
    ).toBe('mahak_token_refused');
  });

  it('splits "unavailable" by what the client saw: timeout, 429, 5xx, network, breaker', () => {
    const unavailable = (details: unknown, message = 'x') =>
      classifySyncError({ code: 'MAHAK_UNAVAILABLE', message, details });
    expect(unavailable({ kind: 'timeout' })).toBe('mahak_timeout');
    expect(unavailable({ kind: 'http-status', status: 429 })).toBe('mahak_overloaded');
    expect(unavailable({ kind: 'http-status', status: 503 })).toBe('mahak_server_error');
    expect(unavailable({ kind: 'network' })).toBe('mahak_unreachable');
    expect(unavailable({ breaker: 'open' })).toBe('mahak_unreachable');
  });

  it('a 404 from the Mahak address means the address is wrong', () => {
    expect(classifySyncError({ code: 'MAHAK_REJECTED', details: { op: 'Login', status: 404 } })).toBe(
      'mahak_wrong_address',
    );
    expect(classifySyncError({ code: 'MAHAK_REJECTED', details: { status: 400 } })).toBe('mahak_rejected');
  });

  it('maps our own infrastructure codes', () => {
    expect(classifySyncError({ code: 'SYNC_ALREADY_RUNNING' })).toBe('already_running');
    expect(classifySyncError({ code: 'QUEUE_UNAVAILABLE' })).toBe('pages_not_applied');
    expect(classifySyncError({ code: 'STORAGE_UNAVAILABLE' })).toBe('database_unavailable');
    expect(classifySyncError({ code: 'MAHAK_BAD_RESPONSE' })).toBe('mahak_bad_response');
  });

  it('reads old runs that kept only the message', () => {
    const byMessage = (message: string) => classifySyncError({ message });
    expect(byMessage('Mahak GetAllData: Mahak connection failed: ECONNREFUSED')).toBe('mahak_unreachable');
    expect(byMessage('Mahak Login: Mahak did not answer in time')).toBe('mahak_timeout');
    expect(byMessage('نام کاربری یا رمز عبور اشتباه است')).toBe('mahak_wrong_password');
    expect(byMessage('Only 3 of 9 pages were applied')).toBe('pages_not_applied');
    expect(byMessage('More than 100000 rows share RowVersion 7; cannot page past them')).toBe('paging_stuck');
    expect(byMessage('Another puller holds the pull lock')).toBe('already_running');
    expect(byMessage('something odd')).toBe('unknown');
    expect(classifySyncError({})).toBe('unknown');
  });
});

describe('adviseSyncError', () => {
  it('gives every kind a Persian and an English text and hint', () => {
    for (const kind of syncErrorKinds) {
      const t = syncErrorTexts[kind];
      expect(
        [t.fa, t.hintFa].every((x) => /[\u0600-\u06FF]/.test(x)),
        kind,
      ).toBe(true);
      expect(
        [t.en, t.hintEn].every((x) => /^[\x20-\x7E\u2019]+$/.test(x)),
        kind,
      ).toBe(true);
    }
    const advice = adviseSyncError({
      code: 'MAHAK_AUTH_FAILED',
      message: 'Mahak Login failed',
      details: { code: 1, message: 'نام کاربری یا رمز عبور اشتباه است' },
    });
    expect(advice).toMatchObject({
      kind: 'mahak_wrong_password',
      detail: 'نام کاربری یا رمز عبور اشتباه است',
    });
    expect(advice.fa).toMatch(/[\u0600-\u06FF]/);
    expect(advice.hintFa).toMatch(/تنظیمات/);
    expect(advice.en).toMatch(/[A-Za-z]/);
    expect(advice.hintEn).toMatch(/Settings/);
  });

  it('keeps the technical message when Mahak said nothing, cut to a readable length', () => {
    expect(adviseSyncError({ code: 'MAHAK_UNAVAILABLE', message: 'x'.repeat(900) }).detail).toHaveLength(500);
    expect(adviseSyncError({ code: 'MAHAK_UNAVAILABLE' }).detail).toBeNull();
  });
});
