import { describe, expect, it } from 'vitest';
import { dayOfIsoDate, isoDateOfDay, tehranDayOf, tehranDayStart } from './tehran-day.js';

describe('Tehran days', () => {
  it('a day starts at 20:30 UTC the evening before', () => {
    const day = dayOfIsoDate('2025-03-21'); // 1 Farvardin 1404
    expect(new Date(tehranDayStart(day)).toISOString()).toBe('2025-03-20T20:30:00.000Z');
    expect(tehranDayOf(Date.parse('2025-03-20T20:29:59.999Z'))).toBe(day - 1);
    expect(tehranDayOf(Date.parse('2025-03-20T20:30:00.000Z'))).toBe(day);
    expect(isoDateOfDay(tehranDayOf(Date.parse('2025-03-21T20:29:00Z')))).toBe('2025-03-21');
  });

  it('refuses dates that do not exist', () => {
    expect(dayOfIsoDate('2025-02-29')).toBeNaN();
    expect(dayOfIsoDate('2024-02-29')).not.toBeNaN();
    expect(dayOfIsoDate('1404-01-01x')).toBeNaN();
  });
});
