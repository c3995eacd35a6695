import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { productListQuery } from '../contracts/catalog.js';
import { parse, validationError } from './zod-validation.js';

describe('validationError', () => {
  it('lists every bad field with where it was, one entry per unknown key', () => {
    const result = productListQuery.safeParse({ limit: 'abc', inStock: 'yes', foo: '1', bar: '2' });
    expect(result.success).toBe(false);
    const err = validationError(result.error!, 'querystring');
    expect(err.code).toBe('VALIDATION_FAILED');
    const fields = (err.details as { fields: { in: string; field: string }[] }).fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['bar', 'foo', 'inStock', 'limit']);
    expect(new Set(fields.map((f) => f.in))).toEqual(new Set(['querystring']));
  });

  it('uses dotted paths for nested fields', () => {
    const schema = z.object({ address: z.object({ postalCode: z.string().length(10) }) });
    const err = validationError(schema.safeParse({ address: { postalCode: '123' } }).error!, 'body');
    expect((err.details as { fields: { field: string }[] }).fields[0].field).toBe('address.postalCode');
  });
});

describe('parse', () => {
  it('returns the parsed value with defaults and coercion', () => {
    expect(parse(productListQuery, { inStock: 'true', categoryId: '10' }, 'querystring')).toEqual({
      limit: 20,
      inStock: true,
      categoryId: 10,
    });
  });

  it('throws VALIDATION_FAILED', () => {
    expect(() => parse(productListQuery, { limit: '0' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
