/** One record as it travels on the wire: PascalCase keys (API.md §1.4), RowVersion int64, Deleted flag. */
export type SimRow = Record<string, unknown>;

const BASE_EPOCH = Date.UTC(2024, 2, 20, 8, 0, 0); // Nowruz 1403: the generated books open then

/** Dates are sent as ISO-8601 without a zone (API.md §4.1). */
export const wireDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/** A deterministic date within a year after the base epoch. */
export const baseDate = (h: number): string => wireDate(BASE_EPOCH + (h % (365 * 24 * 3600)) * 1000);

export const nowWireDate = (): string => wireDate(Date.now());

const persian = '۰۱۲۳۴۵۶۷۸۹';
export const persianDigits = (n: number | string): string =>
  String(n).replace(/\d/g, (d) => persian[Number(d)]);

export const rowVersionOf = (row: SimRow): number => row.RowVersion as number;
export const isDeleted = (row: SimRow): boolean => row.Deleted === true;
