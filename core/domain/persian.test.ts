import { describe, expect, it } from 'vitest';
import { normaliseDigits, normalisePersian } from './persian.js';

describe('normalisePersian', () => {
  it('folds Arabic yeh and kaf to Persian', () => {
    expect(normalisePersian('كيف چرمي')).toBe(normalisePersian('کیف چرمی'));
    expect(normalisePersian('كيف')).toBe('کیف');
  });
  it('folds Persian and Arabic-Indic digits', () => {
    expect(normalisePersian('گوشی ۱۲۸ گیگ')).toBe('گوشی 128 گیگ');
    expect(normalisePersian('٣٤٥')).toBe('345');
  });
  it('drops diacritics, tatweel and ZWNJ', () => {
    expect(normalisePersian('میـــز\u200cها')).toBe('میز ها');
    expect(normalisePersian('کُتاب')).toBe('کتاب');
  });
  it('lower-cases Latin', () => {
    expect(normalisePersian('  Samsung   A54 ')).toBe('samsung a54');
  });
});

describe('normaliseDigits', () => {
  it('reads a mobile number typed with Persian digits', () => {
    expect(normaliseDigits('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('09123456789');
  });
});
