/**
 * Persian normalisation for search and matching (STYLE.md "Persian first"): Arabic ي/ك/ة/ۀ and
 * Persian/Arabic-Indic digits fold to one form, diacritics, tatweel and the zero-width joiner go, ZWNJ
 * becomes a space,
 * whitespace collapses and Latin letters lower-case.
 */
const charMap: Record<string, string> = {
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

/**
 * Every character the fold changes, matched in one pass (a callback per match, untouched text copied
 * as is): harakat, superscript alef, tatweel and ZWJ (dropped), ZWNJ and the direction marks (a space),
 * both digit sets, and the letters of charMap. It was a loop adding one character at a time to a
 * string, about 0.7 s of a 100,000-product pull (every product and variant is folded for search).
 */
const folded = new RegExp(
  // ZWJ outside the class: inside it, it reads as joining its neighbours (no-misleading-character-class).
  String.raw`\u200d|[\u064B-\u065F\u0670\u0640\u200c\u200e\u200f\u06f0-\u06f9\u0660-\u0669` +
    `${Object.keys(charMap).join('')}]`,
  'g',
);

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code === 0x200c || code === 0x200e || code === 0x200f) return ' ';
  return charMap[ch] ?? '';
}

export function normalisePersian(text: string): string {
  return text.replace(folded, fold).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Digits only, for mobile numbers typed with Persian digits: '۰۹۱۲ ۳۴۵ ۶۷۸۹' -> '09123456789'. */
export function normaliseDigits(text: string): string {
  return normalisePersian(text).replace(/[^\d+]/g, '');
}
