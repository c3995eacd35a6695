import { describe, expect, it } from 'vitest';
import { normaliseSlug, slugProblem } from './admin-catalogue.js';

describe('product slug rules', () => {
  it.each([
    ['کفش ورزشی Nike', 'کفش-ورزشی-nike'],
    ['  كيف‌چرمي  ', 'کیف-چرمی'],
    ['Mug__۲۰۲۴', 'mug-2024'],
    ['--a--b--', 'a-b'],
  ])('normalises %j to %j', (input, slug) => {
    expect(normaliseSlug(input)).toBe(slug);
    expect(slugProblem(slug)).toBeUndefined();
  });

  it.each([
    ['x', 'length'],
    ['a'.repeat(81), 'length'],
    ['bad/slug', 'characters'],
    ['emoji-😀', 'characters'],
    ['۱۲۳-۴', 'digits_only'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(slugProblem(normaliseSlug(input))).toBe(problem);
  });
});
