/** One record as it travels on the wire: PascalCase keys (API.md §1.4), RowVersion int64, Deleted flag. */
export type SimRow = Record<string, unknown>;

const BASE_EPOCH = Date.UTC(2024, 2, 20); // Nowruz 1403: the generated books open then

/** Dates are sent as ISO-8601 without a zone (API.md §4.1). */
export const wireDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

const dayPrefixes: string[] = [];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A deterministic date within a year after the base epoch. Hot path (every generated row): the day part
 * comes from a 365-entry table instead of Date formatting.
 */
export function baseDate(h: number): string {
  const secs = h % (365 * 24 * 3600);
  const day = Math.floor(secs / 86_400);
  const prefix = (dayPrefixes[day] ??= wireDate(BASE_EPOCH + day * 86_400_000).slice(0, 11));
  const s = secs % 86_400;
  return `${prefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

export const nowWireDate = (): string => wireDate(Date.now());

const persian = '۰۱۲۳۴۵۶۷۸۹';
export const persianDigits = (n: number | string): string =>
  String(n).replace(/\d/g, (d) => persian[Number(d)]);

export const rowVersionOf = (row: SimRow): number => row.RowVersion as number;
export const isDeleted = (row: SimRow): boolean => row.Deleted === true;
