import { BrokenCircuitError, ConstantBackoff, type IRetryBackoffContext } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { createSilentLogger } from '../logging/pino-logger.js';
import { TransientMahakFailure } from './mahak-http.js';
import { MahakResilience, RetryAfterBackoff, toMahakError } from './mahak-resilience.js';

const ctx = (error: Error): IRetryBackoffContext<unknown> => ({
  attempt: 1,
  result: { error },
  signal: new AbortController().signal,
});

const fast = {
  maxAttempts: 3,
  initialDelayMs: 1,
  maxDelayMs: 2,
  maxRetryAfterMs: 1000,
  consecutiveFailures: 3,
  halfOpenAfterMs: 60,
};

describe('RetryAfterBackoff', () => {
  it('waits at least Retry-After, capped, and otherwise the inner backoff', () => {
    const b = new RetryAfterBackoff(new ConstantBackoff(10), 500);
    expect(b.next(ctx(new TransientMahakFailure('http-status', '429', 429, 300))).duration).toBe(300);
    expect(b.next(ctx(new TransientMahakFailure('http-status', '429', 429, 9000))).duration).toBe(500);
    const first = b.next(ctx(new TransientMahakFailure('network', 'x')));
    expect(first.duration).toBe(10);
    expect(first.next(ctx(new TransientMahakFailure('http-status', '503', 503, 200))).duration).toBe(200);
  });
});

describe('toMahakError', () => {
  it('maps breaker, transport and bad JSON to codes and passes HamgamErrors through', () => {
    expect((toMahakError(new BrokenCircuitError(), 'x') as HamgamError).code).toBe('MAHAK_UNAVAILABLE');
    expect((toMahakError(new TransientMahakFailure('timeout', 't'), 'x') as HamgamError).code).toBe(
      'MAHAK_UNAVAILABLE',
    );
    expect((toMahakError(new TransientMahakFailure('bad-json', 'j'), 'x') as HamgamError).code).toBe(
      'MAHAK_BAD_RESPONSE',
    );
    const own = new HamgamError('MAHAK_REJECTED');
    expect(toMahakError(own, 'x')).toBe(own);
    const bug = new TypeError('bug');
    expect(toMahakError(bug, 'x')).toBe(bug);
  });
});

describe('MahakResilience', () => {
  it('retries transient failures up to maxAttempts, then gives up with MAHAK_UNAVAILABLE', async () => {
    const r = new MahakResilience({ ...fast, consecutiveFailures: 100 }, createSilentLogger());
    let calls = 0;
    await expect(
      r.execute('x', async () => {
        calls++;
        throw new TransientMahakFailure('network', 'refused');
      }),
    ).rejects.toMatchObject({ code: 'MAHAK_UNAVAILABLE' });
    expect(calls).toBe(3);
  });

  it('never retries a non-transient error', async () => {
    const r = new MahakResilience(fast, createSilentLogger());
    let calls = 0;
    await expect(
      r.execute('x', async () => {
        calls++;
        throw new HamgamError('MAHAK_REJECTED');
      }),
    ).rejects.toMatchObject({ code: 'MAHAK_REJECTED' });
    expect(calls).toBe(1);
  });

  it('opens after consecutive failures, fails fast, then half-opens and closes on success', async () => {
    const r = new MahakResilience({ ...fast, maxAttempts: 1 }, createSilentLogger());
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new TransientMahakFailure('http-status', '503', 503);
    };
    for (let i = 0; i < 3; i++)
      await expect(r.execute('x', failing)).rejects.toMatchObject({ code: 'MAHAK_UNAVAILABLE' });
    expect(r.state).toBe('open');
    await expect(r.execute('x', failing)).rejects.toMatchObject({ details: { breaker: 'open' } });
    expect(calls).toBe(3);
    await new Promise((res) => setTimeout(res, 80));
    expect(r.state).toBe('half-open');
    await expect(r.execute('x', async () => 'ok')).resolves.toBe('ok');
    expect(r.state).toBe('closed');
  });
});
