/**
 * Calendar days as a shop in Iran counts them. A Jalali day starts and ends at the same midnight as
 * the Gregorian civil day in Asia/Tehran, so a report buckets by the Tehran civil day and the desk
 * labels it in Jalali. Iran abolished daylight saving in 2022 (law of 1401), so Tehran is UTC+03:30
 * all year and a day is a fixed-width interval of epoch milliseconds: the SQL groups by an integer
 * expression that reads the same on SQLite and PostgreSQL, with no time-zone database.
 */
export const TEHRAN_OFFSET_MS = 3.5 * 3_600_000;
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 in Tehran for an epoch-ms instant. */
export function tehranDayOf(ms: number): number {
  return Math.floor((ms + TEHRAN_OFFSET_MS) / DAY_MS);
}

/** The instant a Tehran day starts (epoch ms). */
export function tehranDayStart(day: number): number {
  return day * DAY_MS - TEHRAN_OFFSET_MS;
}

/** 'YYYY-MM-DD' (the Gregorian civil date in Tehran) of a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a 'YYYY-MM-DD' civil date; NaN when it is not a real date. */
export function dayOfIsoDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDateOfDay(ms / DAY_MS) === date ? ms / DAY_MS : Number.NaN;
}
