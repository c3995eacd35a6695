import { AxiosError, CanceledError } from 'axios';
import { describe, expect, it } from 'vitest';
import {
  classifyRequestError,
  isRetryableStatus,
  parseRetryAfter,
  readJsonBody,
  TransientMahakFailure,
} from './mahak-http.js';

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 413].some(isRetryableStatus)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2025-01-01T10:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores junk', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(['1'])).toBeUndefined();
  });
});

describe('readJsonBody', () => {
  it('parses JSON and treats a cut 2xx body as transient bad-json', () => {
    expect(readJsonBody(200, '{"Result":true}').body).toEqual({ Result: true });
    expect(() => readJsonBody(200, '{"Result":true,"Data":{"Obj')).toThrow(TransientMahakFailure);
    try {
      readJsonBody(200, '');
    } catch (e) {
      expect((e as TransientMahakFailure).kind).toBe('bad-json');
    }
  });
  it('keeps a non-JSON error body as undefined', () => {
    expect(readJsonBody(400, 'Bad Request')).toEqual({ status: 400, body: undefined });
  });
});

describe('classifyRequestError', () => {
  it('classifies timeouts, network failures and leaves other errors alone', () => {
    expect(classifyRequestError(new AxiosError('timeout', 'ECONNABORTED'), false)?.kind).toBe('timeout');
    expect(classifyRequestError(new CanceledError(), true)?.kind).toBe('timeout');
    expect(classifyRequestError(new AxiosError('refused', 'ECONNREFUSED'), false)?.kind).toBe('network');
    expect(classifyRequestError(new TypeError('bug'), false)).toBeUndefined();
  });
});
