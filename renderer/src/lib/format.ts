/**
 * Display formatting for the desk. Persian: Jalali calendar, Persian digits, Persian separators.
 * English: still the Jalali calendar (the shop's books and Mahak use it) with Latin digits, so a date
 * reads the same day whichever language the clerk picked.
 * Functions take an optional language; the default follows the desk's current language (set by i18n).
 */
export type FormatLanguage = 'fa' | 'en';
export type MoneyUnit = 'rial' | 'toman';
export type DateInput = Date | string | number;

let current: FormatLanguage = 'fa';
export const setFormatLanguage = (language: FormatLanguage): void => {
  current = language;
};
export const formatLanguage = (): FormatLanguage => current;

const locales: Record<FormatLanguage, { date: string; number: string }> = {
  fa: { date: 'fa-IR-u-ca-persian-nu-arabext', number: 'fa-IR' },
  // «en» with the Persian calendar; nu-latn keeps the digits Latin.
  en: { date: 'en-GB-u-ca-persian-nu-latn', number: 'en-US' },
};

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

function dateFormat(lang: FormatLanguage, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${lang}:${JSON.stringify(options)}`;
  // Tehran time: the shop, Mahak and the reports all count days in Iran, whatever the PC's zone.
  return cached(
    key,
    () => new Intl.DateTimeFormat(locales[lang].date, { timeZone: 'Asia/Tehran', ...options }),
  );
}

/** Drops the era («AP») that English adds to Persian-calendar dates. */
function withoutEra(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .filter((p) => p.type !== 'era')
    .map((p) => p.value)
    .join('')
    .trim();
}

/** «۱۴۰۳/۰۱/۰۵» (fa) or «1403/01/05» (en): compact, for tables. */
export function formatDate(value: DateInput, lang: FormatLanguage = current): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = dateFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}/${part('month')}/${part('day')}`;
}

/** «۵ فروردین ۱۴۰۳» (fa) or «5 Farvardin 1403» (en): for headings and cards. */
export function formatLongDate(value: DateInput, lang: FormatLanguage = current): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return withoutEra(dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric' }), date);
}

/** «۱۴۰۳/۰۱/۰۵ ۱۴:۳۰» — date and 24-hour time. */
export function formatDateTime(value: DateInput, lang: FormatLanguage = current): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return `${formatDate(date, lang)} ${formatTime(date, lang)}`;
}

/** «۱۴:۳۰» — 24-hour, as Iranian shops write it. */
export function formatTime(value: DateInput, lang: FormatLanguage = current): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** «۱۲٬۳۴۵» (fa) or «12,345» (en). */
export function formatNumber(value: number, lang: FormatLanguage = current, maxFractionDigits = 2): string {
  const key = `n:${lang}:${maxFractionDigits}`;
  return cached(
    key,
    () => new Intl.NumberFormat(locales[lang].number, { maximumFractionDigits: maxFractionDigits }),
  ).format(value);
}

const unitNames: Record<FormatLanguage, Record<MoneyUnit, string>> = {
  fa: { rial: 'ریال', toman: 'تومان' },
  en: { rial: 'rial', toman: 'toman' },
};

/**
 * Money is stored and sent in rial everywhere; the desk shows rial or toman (1 toman = 10 rial) per
 * the shop's setting. Toman keeps one decimal so an amount not divisible by 10 is never silently rounded.
 */
export function formatMoney(rial: number, unit: MoneyUnit = 'toman', lang: FormatLanguage = current): string {
  const amount = unit === 'toman' ? rial / 10 : rial;
  return `${formatNumber(amount, lang, unit === 'toman' ? 1 : 0)} ${unitNames[lang][unit]}`;
}

const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** «۵ دقیقه پیش» / «5 minutes ago»; «اکنون» for under ten seconds. */
export function formatRelativeTime(
  value: DateInput,
  now: DateInput = Date.now(),
  lang: FormatLanguage = current,
): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const rtf = cached(
    `r:${lang}`,
    () => new Intl.RelativeTimeFormat(locales[lang].number, { numeric: 'auto' }),
  );
  let amount = (date.getTime() - toDate(now).getTime()) / 1000;
  if (Math.abs(amount) < 10) return rtf.format(0, 'second');
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(amount) < size) return rtf.format(Math.round(amount), unit);
    amount /= size;
  }
  return rtf.format(Math.round(amount), 'year');
}

/** Persian digits in any text (ids, codes, phone numbers shown inside Persian sentences). */
export function toPersianDigits(text: string | number): string {
  return String(text).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** Digits for the current language: Persian in fa, unchanged in en. */
export const localDigits = (text: string | number, lang: FormatLanguage = current): string =>
  lang === 'fa' ? toPersianDigits(text) : String(text);
