import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { createSilentLogger } from '../logging/pino-logger.js';
import { isRetryableRead, createReadRetry } from './mahak-read-retry.js';

const rejected = (code: number, message: string) =>
  new HamgamError('MAHAK_REJECTED', message, { op: 'GetAllData', code, message });

describe('isRetryableRead', () => {
  it('repeats a Result:false that names no permanent cause, a lost transport and a cut body', () => {
    expect(isRetryableRead(rejected(500, 'خطای داخلی سرور؛ لطفاً دوباره تلاش کنید'))).toBe(true);
    expect(isRetryableRead(rejected(0, 'Timeout expired'))).toBe(true);
    expect(isRetryableRead(new HamgamError('MAHAK_UNAVAILABLE', 'x', { kind: 'network' }))).toBe(true);
    expect(isRetryableRead(new HamgamError('MAHAK_UNAVAILABLE', 'x', { breaker: 'open' }))).toBe(true);
    expect(isRetryableRead(new HamgamError('MAHAK_BAD_RESPONSE', 'x', { kind: 'bad-json' }))).toBe(true);
  });

  it('does not repeat what a repeat cannot fix', () => {
    expect(isRetryableRead(new HamgamError('MAHAK_AUTH_FAILED', 'refused after a fresh login'))).toBe(false);
    expect(isRetryableRead(rejected(400, 'درخواست نامعتبر است: pageSize'))).toBe(false);
    expect(isRetryableRead(rejected(403, 'forbidden'))).toBe(false);
    expect(isRetryableRead(rejected(2, 'پایگاه داده مورد نظر یافت نشد'))).toBe(false);
    expect(isRetryableRead(rejected(7, 'اشتراک شما به پایان رسیده است'))).toBe(false);
    expect(isRetryableRead(rejected(9, 'توکن نامعتبر است'))).toBe(false);
    // A non-2xx answer that is not 408/429/5xx (the client already retries those).
    expect(
      isRetryableRead(new HamgamError('MAHAK_REJECTED', 'HTTP 404', { op: 'GetAllData', status: 404 })),
    ).toBe(false);
    // An envelope that does not match the wire schema comes back the same.
    expect(isRetryableRead(new HamgamError('MAHAK_BAD_RESPONSE', 'x', { reason: 'Result: Required' }))).toBe(
      false,
    );
    expect(isRetryableRead(new TypeError('a bug'))).toBe(false);
  });
});

describe('createReadRetry', () => {
  it('gives up after maxAttempts with the last error unchanged', async () => {
    const policy = createReadRetry(
      { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      createSilentLogger(),
    );
    let calls = 0;
    const last = rejected(500, 'خطای داخلی سرور');
    await expect(
      policy.execute(() => {
        calls++;
        throw last;
      }),
    ).rejects.toBe(last);
    expect(calls).toBe(3);
  });
});

describe('createReadRetry and the circuit breaker', () => {
  it('fails with the error that opened the breaker, not with "circuit breaker is open"', async () => {
    const retry = createReadRetry({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }, createSilentLogger());
    const http503 = new HamgamError('MAHAK_UNAVAILABLE', 'Mahak GetAllData: Mahak answered HTTP 503', {
      status: 503,
    });
    const open = new HamgamError('MAHAK_UNAVAILABLE', 'circuit breaker is open', { breaker: 'open' });
    let calls = 0;
    await expect(retry.execute(() => Promise.reject(calls++ === 0 ? http503 : open))).rejects.toBe(http503);
    expect(calls).toBe(3);
  });
});

describe('createReadRetry and a shutdown', () => {
  it('ends its wait between attempts at once when the signal aborts, and asks no more', async () => {
    // A wait of a minute: without the signal honoured the test would hold far past its 5 s timeout.
    const retry = createReadRetry(
      { maxAttempts: 5, initialDelayMs: 60_000, maxDelayMs: 60_000 },
      createSilentLogger(),
    );
    const stop = new AbortController();
    const interrupted = new HamgamError('PULL_INTERRUPTED');
    let calls = 0;
    const started = Date.now();
    const run = retry.execute(() => {
      calls++;
      setTimeout(() => stop.abort(interrupted), 20);
      return Promise.reject(rejected(500, 'خطای داخلی سرور؛ لطفاً دوباره تلاش کنید'));
    }, stop.signal);
    await expect(run).rejects.toBe(interrupted);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls).toBe(1);
  }, 5_000);

  it('starts no attempt once the signal has aborted', async () => {
    const retry = createReadRetry({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }, createSilentLogger());
    const interrupted = new HamgamError('PULL_INTERRUPTED');
    let calls = 0;
    await expect(retry.execute(() => Promise.resolve(calls++), AbortSignal.abort(interrupted))).rejects.toBe(
      interrupted,
    );
    expect(calls).toBe(0);
  });
});
