import { faIR, enUS } from 'date-fns-jalali/locale';
import { describe, expect, it } from 'vitest';
import { PersianDigitsJalaliAdapter } from './jalali-adapter';

// 6 December 2026 is 15 Azar 1405.
const day = new Date(2026, 11, 6, 14, 30, 7);

describe('PersianDigitsJalaliAdapter', () => {
  const fa = new PersianDigitsJalaliAdapter({ locale: faIR });
  const en = new PersianDigitsJalaliAdapter({ locale: enUS });

  it('writes Jalali dates with Persian digits in Persian', () => {
    expect(fa.formatByString(day, 'yyyy/MM/dd')).toBe('۱۴۰۵/۰۹/۱۵');
    expect(fa.format(day, 'dayOfMonth')).toBe('۱۵');
    expect(fa.format(day, 'year')).toBe('۱۴۰۵');
    expect(fa.format(day, 'keyboardDate')).not.toMatch(/[0-9]/);
  });

  it('gives the field its digits the way MUI learns them (seconds 0-9 without leading zero)', () => {
    const digits = Array.from({ length: 10 }, (_, s) => fa.formatByString(fa.setSeconds(day, s), 's'));
    expect(digits.join('')).toBe('۰۱۲۳۴۵۶۷۸۹');
  });

  it('gives MUI a maxLength for every digit section whose format shows no leading «0»', () => {
    // MUI's field (buildSectionsFromFormat / doesSectionFormatHaveLeadingZeros) checks leading zeros
    // against an ASCII «0»; such a section without maxLength throws and blanks the screen.
    const probes = {
      year: (t: string) => fa.formatByString(fa.setYear(day, 1), t),
      month: (t: string) => fa.formatByString(fa.startOfYear(day), t),
      day: (t: string) => fa.formatByString(fa.startOfMonth(day), t),
    } as const;
    for (const token of ['yyyy', 'yy', 'MM', 'dd']) {
      const config = fa.formatTokenMap[token];
      const type = typeof config === 'string' ? config : config!.sectionType;
      const sample = probes[type as keyof typeof probes](token);
      const leadingZeros = type === 'year' ? sample.startsWith('0') : sample.length > 1;
      const maxLength = typeof config === 'string' ? undefined : config!.maxLength;
      if (!leadingZeros) expect(maxLength, token).toBeGreaterThan(0);
    }
  });

  it('reads back what a clerk types in Persian or Arabic digits', () => {
    const typed = fa.parse('۱۴۰۵/۰۹/۱۵', 'yyyy/MM/dd');
    expect(typed && fa.isSameDay(typed, day)).toBe(true);
    const arabic = fa.parse('١٤٠٥/٠٩/١٥', 'yyyy/MM/dd');
    expect(arabic && fa.isSameDay(arabic, day)).toBe(true);
    expect(fa.parse('', 'yyyy/MM/dd')).toBeNull();
  });

  it('keeps Latin digits in English', () => {
    expect(en.formatByString(day, 'yyyy/MM/dd')).toBe('1405/09/15');
    const typed = en.parse('1405/09/15', 'yyyy/MM/dd');
    expect(typed && en.isSameDay(typed, day)).toBe(true);
  });
});
