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

const diacritics = /[\u064B-\u065F\u0670\u0640\u200d]/g; // harakat, superscript alef, tatweel, ZWJ

export function normalisePersian(text: string): string {
  let out = '';
  for (const ch of text.replace(diacritics, '')) {
    const code = ch.charCodeAt(0);
    if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else out += charMap[ch] ?? ch;
  }
  return out
    .replace(/[\u200c\u200f\u200e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Digits only, for mobile numbers typed with Persian digits: '۰۹۱۲ ۳۴۵ ۶۷۸۹' -> '09123456789'. */
export function normaliseDigits(text: string): string {
  return normalisePersian(text).replace(/[^\d+]/g, '');
}
