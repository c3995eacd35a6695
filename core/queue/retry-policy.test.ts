import { describe, expect, it } from 'vitest';
import {
  appendHistory,
  assertTopic,
  errorText,
  parseHistory,
  resolveConsumeOptions,
  retryDelayMs,
  retryDelays,
  serialiseMessage,
  withJitter,
} from './retry-policy.js';

describe('retry policy', () => {
  it('fills the documented defaults and refuses nonsense', () => {
    expect(resolveConsumeOptions()).toEqual({ prefetch: 1, maxAttempts: 5, retryBaseMs: 500 });
    expect(resolveConsumeOptions({ prefetch: 4, maxAttempts: undefined })).toEqual({
      prefetch: 4,
      maxAttempts: 5,
      retryBaseMs: 500,
    });
    for (const bad of [{ prefetch: 0 }, { maxAttempts: 1.5 }, { retryBaseMs: -1 }]) {
      expect(() => resolveConsumeOptions(bad)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });

  it('doubles the delay per failed attempt, one retry level fewer than attempts', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(500, n))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelays({ prefetch: 1, maxAttempts: 5, retryBaseMs: 500 })).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelays({ prefetch: 1, maxAttempts: 1, retryBaseMs: 500 })).toEqual([]);
  });

  it('keeps jitter within ±20 %', () => {
    expect(withJitter(1000, 0.2, () => 0)).toBe(800);
    expect(withJitter(1000, 0.2, () => 1)).toBe(1200);
    expect(withJitter(1000, 0.2, () => 0.5)).toBe(1000);
  });

  it('bounds error texts and history so they fit an AMQP header table', () => {
    expect(errorText(new Error('x'.repeat(5000))).length).toBe(500);
    expect(errorText(new TypeError('خطای نوع'))).toBe('TypeError: خطای نوع');
    let history = parseHistory(undefined);
    for (let i = 0; i < 30; i++) history = appendHistory(history, `e${i}`, i);
    expect(history).toHaveLength(20);
    expect(history[0]).toEqual({ at: 10, error: 'e10' });
    expect(parseHistory(JSON.stringify(history))).toEqual(history);
    expect(parseHistory('{broken')).toEqual([]);
    expect(parseHistory('[{"at":"no"},{"at":1,"error":"ok"}]')).toEqual([{ at: 1, error: 'ok' }]);
  });

  it('accepts JSON messages and plain topic names only', () => {
    expect(serialiseMessage('t', { نام: 'چای' })).toBe('{"نام":"چای"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [undefined, () => 1, cyclic]) {
      expect(() => serialiseMessage('t', bad)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
    expect(() => assertTopic('pull.products')).not.toThrow();
    for (const bad of ['', '.hidden', 'a b', 'a/b', 'x'.repeat(201)]) {
      expect(() => assertTopic(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
