import fc from 'fast-check';
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

/** The fold as first written, one character at a time: the one-pass version must answer the same. */
function foldOneByOne(text: string): string {
  const map: Record<string, string> = {
    ي: 'ی',
    ى: 'ی',
    ك: 'ک',
    ة: 'ه',
    ۀ: 'ه',
    أ: 'ا',
    إ: 'ا',
    ٱ: 'ا',
    ؤ: 'و',
  };
  let out = '';
  for (const ch of text.replace(/[\u064B-\u065F\u0670\u0640\u200d]/g, '')) {
    const code = ch.charCodeAt(0);
    if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else out += map[ch] ?? ch;
  }
  return out
    .replace(/[\u200c\u200f\u200e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

describe('normalisePersian against the character-by-character fold', () => {
  const alphabet = [
    ...'کیفيكىةۀأإٱؤاوهی مدل Aa-zZ۰۱۹٠٣٩0129',
    '\u064B',
    '\u0650',
    '\u065F',
    '\u0670',
    '\u0640',
    '\u200c',
    '\u200d',
    '\u200e',
    '\u200f',
    '\t',
    '\n',
    '😀',
  ];
  it('gives the same text for any mix of letters, digits, marks and spaces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(normalisePersian(text)).toBe(foldOneByOne(text));
      }),
      { numRuns: 2_000 },
    );
  });
});
