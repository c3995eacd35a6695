import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatRelativeTime,
  formatTime,
  localDigits,
  toPersianDigits,
} from './format';

// 1403/01/05 (Farvardin 5) at 14:00 Tehran time.
const nowruzWeek = new Date('2024-03-24T10:30:00Z');
const latinDigit = /[0-9]/;

describe('dates: Jalali, Tehran time', () => {
  it('writes a compact Jalali date with Persian digits in fa', () => {
    expect(formatDate(nowruzWeek, 'fa')).toBe('۱۴۰۳/۰۱/۰۵');
    expect(formatDateTime(nowruzWeek, 'fa')).toBe('۱۴۰۳/۰۱/۰۵ ۱۴:۰۰');
    expect(formatLongDate(nowruzWeek, 'fa')).toBe('۵ فروردین ۱۴۰۳');
  });

  it('keeps the Jalali calendar in en, with Latin digits and no era', () => {
    expect(formatDate(nowruzWeek, 'en')).toBe('1403/01/05');
    expect(formatTime(nowruzWeek, 'en')).toBe('14:00');
    expect(formatLongDate(nowruzWeek, 'en')).toBe('5 Farvardin 1403');
  });

  it('counts the day in Tehran: 22:00 UTC on Esfand 29 is already Farvardin 1', () => {
    expect(formatDate(new Date('2025-03-20T22:00:00Z'), 'en')).toBe('1404/01/01');
  });

  it('accepts ISO text and epoch milliseconds, and shows nothing for an invalid date', () => {
    expect(formatDate('2024-03-24T10:30:00Z', 'fa')).toBe('۱۴۰۳/۰۱/۰۵');
    expect(formatDate(nowruzWeek.getTime(), 'en')).toBe('1403/01/05');
    expect(formatDate('not a date', 'fa')).toBe('');
  });
});

describe('numbers and money', () => {
  it('groups with Persian digits and separators in fa, Latin in en', () => {
    expect(formatNumber(1234567, 'fa')).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(0.5, 'fa')).toBe('۰٫۵');
  });

  it('shows rial amounts in toman (÷10) or rial, with the unit', () => {
    expect(formatMoney(1_250_000, 'toman', 'fa')).toBe('۱۲۵٬۰۰۰ تومان');
    expect(formatMoney(1_250_000, 'rial', 'fa')).toBe('۱٬۲۵۰٬۰۰۰ ریال');
    expect(formatMoney(1_250_000, 'toman', 'en')).toBe('125,000 toman');
  });

  it('never rounds a rial away when showing toman', () => {
    expect(formatMoney(1_250_005, 'toman', 'en')).toBe('125,000.5 toman');
  });

  it('has no Latin digit anywhere in Persian output', () => {
    for (const text of [
      formatMoney(98_765_430, 'toman', 'fa'),
      formatDateTime(nowruzWeek, 'fa'),
      formatRelativeTime(nowruzWeek.getTime() - 3 * 3600_000, nowruzWeek, 'fa'),
    ])
      expect(text).not.toMatch(latinDigit);
  });
});

describe('relative time', () => {
  const at = (secondsAgo: number) => nowruzWeek.getTime() - secondsAgo * 1000;

  it('says «۵ دقیقه پیش» in fa and «5 minutes ago» in en', () => {
    expect(formatRelativeTime(at(300), nowruzWeek, 'fa')).toBe('۵ دقیقه پیش');
    expect(formatRelativeTime(at(300), nowruzWeek, 'en')).toBe('5 minutes ago');
  });

  it('says now for the last few seconds, and uses hours, days and the future too', () => {
    expect(formatRelativeTime(at(3), nowruzWeek, 'fa')).toBe('اکنون');
    expect(formatRelativeTime(at(2 * 3600), nowruzWeek, 'en')).toBe('2 hours ago');
    expect(formatRelativeTime(at(86_400), nowruzWeek, 'en')).toBe('yesterday');
    expect(formatRelativeTime(at(-120), nowruzWeek, 'en')).toBe('in 2 minutes');
  });
});

describe('digits', () => {
  it('turns Latin digits into Persian ones, for ids inside Persian text', () => {
    expect(toPersianDigits('INV-2041')).toBe('INV-۲۰۴۱');
    expect(localDigits(42, 'fa')).toBe('۴۲');
    expect(localDigits(42, 'en')).toBe('42');
  });
});
