import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import {
  isTokenRejection,
  parseEnvelope,
  readArray,
  readObjects,
  tryParseEnvelope,
} from './mahak-envelope.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof HamgamError ? e.code : 'not-hamgam';
  }
  return undefined;
};

describe('parseEnvelope', () => {
  it.each([
    { Result: true, Code: 0, Message: null, Data: {} },
    { result: true, code: 0, message: null, data: {} },
    { RESULT: true, code: 0, Data: {} },
  ])('reads %j case-insensitively', (body) => {
    const env = parseEnvelope(body, 'GetAllData');
    expect(env.Result).toBe(true);
    expect(env.Data).toEqual({});
  });

  it.each([[null], ['<html>502</html>'], [[1, 2]], [{ Data: {} }], [{ Result: 'maybe' }]])(
    'refuses %j as MAHAK_BAD_RESPONSE',
    (body) => {
      expect(codeOf(() => parseEnvelope(body, 'GetAllData'))).toBe('MAHAK_BAD_RESPONSE');
      expect(tryParseEnvelope(body)).toBeUndefined();
    },
  );
});

describe('isTokenRejection', () => {
  const env = (o: object) => parseEnvelope({ Result: false, ...o }, 'x');
  it('spots auth codes and token messages, English or Persian', () => {
    expect(isTokenRejection(env({ Code: 401 }))).toBe(true);
    expect(isTokenRejection(env({ Message: 'Invalid token' }))).toBe(true);
    expect(isTokenRejection(env({ Message: 'توکن نامعتبر است' }))).toBe(true);
  });
  it('leaves business rejections and successes alone', () => {
    expect(isTokenRejection(env({ Code: 2, Message: 'موجودی کالا کافی نیست' }))).toBe(false);
    expect(isTokenRejection(parseEnvelope({ Result: true, Code: 401 }, 'x'))).toBe(false);
  });
});

describe('readObjects', () => {
  it('renames collections case-insensitively and keeps the rest', () => {
    const env = parseEnvelope(
      { Result: true, data: { objects: { products: [1], PRODUCTDETAILS: null, Regions: [] } } },
      'x',
    );
    expect(readObjects(env, 'x', ['Products', 'ProductDetails'])).toEqual({
      Products: [1],
      ProductDetails: null,
      Regions: [],
    });
  });
  it('reads missing Data or Objects as no collections', () => {
    expect(readObjects(parseEnvelope({ Result: true }, 'x'), 'x', ['Products'])).toEqual({});
    expect(
      readObjects(parseEnvelope({ Result: true, Data: { Objects: null } }, 'x'), 'x', ['Products']),
    ).toEqual({});
  });
  it('refuses a Data or Objects that is not an object', () => {
    expect(codeOf(() => readObjects(parseEnvelope({ Result: true, Data: 'x' }, 'x'), 'x', []))).toBe(
      'MAHAK_BAD_RESPONSE',
    );
    expect(
      codeOf(() => readObjects(parseEnvelope({ Result: true, Data: { Objects: [] } }, 'x'), 'x', [])),
    ).toBe('MAHAK_BAD_RESPONSE');
  });
});

describe('readArray', () => {
  it('accepts null, missing and empty as empty and refuses non-arrays', () => {
    expect(readArray(null, 'x', 'y')).toEqual([]);
    expect(readArray(undefined, 'x', 'y')).toEqual([]);
    expect(readArray([], 'x', 'y')).toEqual([]);
    expect(codeOf(() => readArray({ 0: 1 }, 'x', 'y'))).toBe('MAHAK_BAD_RESPONSE');
  });
});
