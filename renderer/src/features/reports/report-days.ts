import { formatLongDate } from '../../lib/format';

/** A report day ('YYYY-MM-DD', a Tehran civil day) as an instant inside it: noon in Tehran. */
export const noonOf = (date: string): Date => new Date(`${date}T12:00:00+03:30`);

/** «۵ فروردین» / «5 Farvardin»: the Jalali day and month, for chart axes (the year is in the period). */
export function dayLabel(date: string): string {
  const long = formatLongDate(noonOf(date));
  return long.slice(0, long.lastIndexOf(' ')) || long;
}

/** Today and n-1 days before, as civil dates of this PC (the shop's clock, Tehran). */
export function lastDays(n: number, today = new Date()): { from: string; to: string } {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (n - 1));
  return { from: civil(start), to: civil(today) };
}

export const civil = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export const localMidnight = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/** Days in an inclusive period. */
export const spanOf = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
