import type { CheckoutAddress } from '../contracts/orders.js';
import type { ErrorCode } from '../contracts/error-codes.js';

/**
 * Value conversions for the SaveAllData body: money, dates, text, the ShippingAddress string.
 * Pure; a failure is returned as a PushProblem that the caller turns into a HamgamError.
 */

export interface PushProblem {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class PushProblemError extends Error {
  constructor(readonly problem: PushProblem) {
    super(problem.message);
    this.name = 'PushProblemError';
  }
}

export type MahakCurrency = 'rial' | 'toman';

/**
 * Rial (what the store keeps) to Mahak's database currency (API.md §4.1: clients must not assume).
 * Toman is rial / 10; an amount that does not divide is refused rather than rounded, because a
 * rounded invoice would silently disagree with what the customer paid.
 */
export function toMahakMoney(rial: number, currency: MahakCurrency, field: string): number {
  if (!Number.isSafeInteger(rial) || rial < 0) {
    throw new PushProblemError({
      code: 'VALIDATION_FAILED',
      message: `${field}: rial amount must be a non-negative integer, got ${rial}`,
      details: { field, rial },
    });
  }
  if (currency === 'rial') return rial;
  if (rial % 10 !== 0) {
    throw new PushProblemError({
      code: 'PUSH_AMOUNT_NOT_CONVERTIBLE',
      message: `${field}: ${rial} rial is not a whole number of toman`,
      details: { field, rial },
    });
  }
  return rial / 10;
}

/** Mahak currency back to rial, for comparing read-back amounts. */
export const fromMahakMoney = (amount: number, currency: MahakCurrency): number =>
  currency === 'rial' ? amount : amount * 10;

/**
 * ISO-8601 without zone in the shop's wall-clock time (API.md §4.1 "Dates": `2025-01-01T10:00:00`).
 * Mahak's desktop program shows the date as given, so it must be local, not UTC.
 */
// Building an Intl.DateTimeFormat costs far more than formatting with it (it dominated a push
// benchmark), so one is kept per time zone.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

export function mahakLocalDateTime(isoInstant: string, timeZone: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) {
    throw new PushProblemError({ code: 'VALIDATION_FAILED', message: `not a date: ${isoInstant}` });
  }
  const parts = wallClockFormat(timeZone).formatToParts(date);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/**
 * Arabic yeh/kaf to Persian (ي→ی, ك→ک) so names typed on an Arabic keyboard match what the desktop
 * program's search finds. Unlike normalisePersian, keeps ZWNJ, case and diacritics: this is display text.
 */
export const foldArabicLetters = (text: string): string =>
  text.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/\s+/g, ' ').trim();

/**
 * Order.ShippingAddress is a JSON string (API.md §3.4) with lower-case keys
 * title/description/address/postalcode/tel/mobile/cityid.
 */
export function shippingAddressJson(address: CheckoutAddress): string {
  const place = [address.province, address.city, address.address].filter((p): p is string => !!p);
  return JSON.stringify({
    title: foldArabicLetters(address.title ?? address.receiverName),
    description: foldArabicLetters(`گیرنده: ${address.receiverName}`),
    address: foldArabicLetters(place.join('، ')),
    postalcode: address.postalCode,
    tel: address.tel ?? '',
    mobile: address.mobile,
    cityid: address.cityId ?? 0,
  });
}
