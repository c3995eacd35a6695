import type { SyncErrorAdvice, SyncErrorKind } from '../contracts/admin-sync.js';
import { normalisePersian } from './persian.js';

/**
 * Turns a failed sync's error into what the clerk should do. Mahak publishes no error catalogue
 * (API.md §7): a refused login is `Result:false` with a Persian Message (+ Data.ErrorCode), so the
 * rules go by our own error code first (mahak-client.ts, mahak-resilience.ts), then by the details the
 * client attaches (HTTP status, transient kind, breaker), and only then by words in Mahak's message.
 * Works on message-only errors too (runs recorded before the code was kept).
 */
export interface SyncErrorInput {
  /** HamgamError code, e.g. MAHAK_AUTH_FAILED. */
  code?: string | null;
  message?: string | null;
  details?: unknown;
}

export const syncErrorTexts: Record<SyncErrorKind, Omit<SyncErrorAdvice, 'kind' | 'detail'>> = {
  mahak_wrong_password: {
    fa: 'محک نام کاربری یا رمز عبور را نپذیرفت',
    en: 'Mahak did not accept the user name or password',
    hintFa: 'در تنظیمات، نام کاربری و رمز عبور وب‌سرویس محک را دوباره وارد کنید و «آزمایش اتصال» را بزنید.',
    hintEn:
      'In Settings, enter the Mahak web-service user name and password again and press "Test connection".',
  },
  mahak_wrong_database: {
    fa: 'شناسهٔ پایگاه دادهٔ محک درست نیست',
    en: 'The Mahak database id is wrong',
    hintFa:
      'شناسهٔ پایگاه داده را در افزونهٔ بازارا در برنامهٔ محک ببینید و در تنظیمات وارد کنید (یا خالی بگذارید).',
    hintEn:
      'Look up the database id in the Bazara add-on of the Mahak program and enter it in Settings (or leave it empty).',
  },
  mahak_licence_expired: {
    fa: 'اشتراک یا مجوز وب‌سرویس محک به پایان رسیده است',
    en: 'The Mahak web-service subscription or licence has run out',
    hintFa: 'برای تمدید اشتراک با پشتیبانی محک تماس بگیرید؛ پس از تمدید، همگام‌سازی را دوباره بزنید.',
    hintEn: 'Call Mahak support to renew the subscription, then press Sync again.',
  },
  mahak_token_refused: {
    fa: 'محک ورود را پذیرفت ولی اجازهٔ دریافت اطلاعات نداد',
    en: 'Mahak accepted the sign-in but refused access to the data',
    hintFa: 'از پشتیبانی محک بپرسید که این کاربر به وب‌سرویس همگام‌سازی دسترسی دارد یا نه.',
    hintEn: 'Ask Mahak support whether this user may use the sync web service.',
  },
  mahak_unreachable: {
    fa: 'سرور محک در دسترس نیست',
    en: 'The Mahak server cannot be reached',
    hintFa:
      'اتصال اینترنت این رایانه و نشانی سرور محک را در تنظیمات بررسی کنید؛ همگام‌سازی بعدی خودکار دوباره تلاش می‌کند.',
    hintEn:
      'Check this computer’s internet connection and the Mahak server address in Settings; the next scheduled sync tries again.',
  },
  mahak_timeout: {
    fa: 'سرور محک در زمان مقرر پاسخ نداد',
    en: 'The Mahak server did not answer in time',
    hintFa: 'احتمالاً اینترنت کند است یا سرور محک شلوغ است؛ چند دقیقهٔ دیگر دوباره امتحان کنید.',
    hintEn: 'The internet may be slow or Mahak busy; try again in a few minutes.',
  },
  mahak_overloaded: {
    fa: 'محک درخواست‌های زیادی دریافت کرده و فعلاً پاسخ نمی‌دهد',
    en: 'Mahak is receiving too many requests and is not answering for now',
    hintFa: 'چند دقیقه صبر کنید و دوباره همگام‌سازی کنید.',
    hintEn: 'Wait a few minutes and sync again.',
  },
  mahak_server_error: {
    fa: 'سرور محک با خطا روبه‌رو شد',
    en: 'The Mahak server ran into an error',
    hintFa: 'مشکل از سمت محک است؛ کمی بعد دوباره امتحان کنید و اگر ادامه داشت با پشتیبانی محک تماس بگیرید.',
    hintEn: 'The problem is on Mahak’s side; try again later and call Mahak support if it goes on.',
  },
  mahak_wrong_address: {
    fa: 'نشانی سرور محک درست نیست',
    en: 'The Mahak server address is wrong',
    hintFa: 'نشانی وب‌سرویس محک را در تنظیمات بررسی کنید (معمولاً به ‎/API/v3/Sync‎ ختم می‌شود).',
    hintEn: 'Check the Mahak web-service address in Settings (it usually ends in /API/v3/Sync).',
  },
  mahak_rejected: {
    fa: 'محک درخواست را نپذیرفت',
    en: 'Mahak refused the request',
    hintFa: 'پیام محک را در زیر ببینید؛ اگر روشن نیست آن را برای پشتیبانی محک بفرستید.',
    hintEn: 'See Mahak’s message below; if it is unclear, send it to Mahak support.',
  },
  mahak_bad_response: {
    fa: 'پاسخ سرور محک قابل خواندن نبود',
    en: 'The Mahak server’s answer could not be read',
    hintFa: 'نشانی سرور محک را بررسی کنید؛ اگر درست است کمی بعد دوباره امتحان کنید.',
    hintEn: 'Check the Mahak server address; if it is right, try again a little later.',
  },
  already_running: {
    fa: 'نسخهٔ دیگری از همگام در حال همگام‌سازی است',
    en: 'Another copy of Hamgam is syncing',
    hintFa: 'صبر کنید تا آن همگام‌سازی تمام شود؛ نیازی به کار دیگری نیست.',
    hintEn: 'Wait for that sync to finish; nothing else is needed.',
  },
  pages_not_applied: {
    fa: 'اطلاعات دریافت‌شده به‌موقع در فروشگاه ثبت نشد',
    en: 'The received data was not saved into the store in time',
    hintFa: 'همگام‌سازی را دوباره بزنید؛ اگر تکرار شد، وضعیت صف پیام و پایگاه داده را بررسی کنید.',
    hintEn: 'Press Sync again; if it repeats, check the message queue and the database.',
  },
  database_unavailable: {
    fa: 'پایگاه دادهٔ فروشگاه در دسترس نیست',
    en: 'The store database cannot be reached',
    hintFa: 'سرویس پایگاه داده را بررسی کنید یا برنامه را دوباره اجرا کنید.',
    hintEn: 'Check the database service or restart the program.',
  },
  paging_stuck: {
    fa: 'تعداد بسیار زیادی رکورد در محک هم‌زمان تغییر کرده و صفحه‌بندی ممکن نیست',
    en: 'Too many Mahak records share one change marker to page through them',
    hintFa: 'با پشتیبانی همگام تماس بگیرید و گزارش این اجرا را بفرستید.',
    hintEn: 'Contact Hamgam support and send this run’s log.',
  },
  unknown: {
    fa: 'همگام‌سازی با خطای پیش‌بینی‌نشده متوقف شد',
    en: 'The sync stopped with an unexpected error',
    hintFa: 'دوباره امتحان کنید؛ اگر تکرار شد گزارش این اجرا را برای پشتیبانی بفرستید.',
    hintEn: 'Try again; if it repeats, send this run’s log to support.',
  },
};

export function adviseSyncError(error: SyncErrorInput): SyncErrorAdvice {
  const kind = classifySyncError(error);
  return { kind, ...syncErrorTexts[kind], detail: detailOf(error) };
}

const licenceWords = /اشتراک|مجوز|لایسنس|تمدید|اعتبار.*(پایان|تمام)|licen[cs]e|subscription|credit/;
const databaseWords = /پایگاه داده|پایگاه‌داده|database/;
const tokenRefused = /token was refused|توکن/;
const pagingStuck = /share rowversion|cannot page past/;

export function classifySyncError(error: SyncErrorInput): SyncErrorKind {
  const message = normalisePersian(error.message ?? '');
  const details = asRecord(error.details);
  switch (error.code) {
    case 'MAHAK_AUTH_FAILED':
      return authKind(message, details);
    case 'MAHAK_UNAVAILABLE':
      return unavailableKind(message, details);
    case 'MAHAK_REJECTED':
      if (licenceWords.test(message)) return 'mahak_licence_expired';
      return details.status === 404 || details.status === 405 ? 'mahak_wrong_address' : 'mahak_rejected';
    case 'MAHAK_BAD_RESPONSE':
      return 'mahak_bad_response';
    case 'SYNC_ALREADY_RUNNING':
      return 'already_running';
    case 'QUEUE_UNAVAILABLE':
      return 'pages_not_applied';
    case 'STORAGE_UNAVAILABLE':
      return 'database_unavailable';
    default:
      return fromMessageOnly(message);
  }
}

function authKind(message: string, details: Record<string, unknown>): SyncErrorKind {
  if (tokenRefused.test(message)) return 'mahak_token_refused';
  if (licenceWords.test(message)) return 'mahak_licence_expired';
  // The simulator answers Data.ErrorCode 2 for an unknown database; the live code is unknown (API.md §2.3).
  if (databaseWords.test(message) || details.code === 2) return 'mahak_wrong_database';
  return 'mahak_wrong_password';
}

function unavailableKind(message: string, details: Record<string, unknown>): SyncErrorKind {
  const status = typeof details.status === 'number' ? details.status : undefined;
  if (details.kind === 'timeout' || /did not answer in time/.test(message)) return 'mahak_timeout';
  if (status === 429) return 'mahak_overloaded';
  if (status !== undefined && status >= 500) return 'mahak_server_error';
  return 'mahak_unreachable';
}

/** Old runs kept only the message; these are the messages our own client writes. */
function fromMessageOnly(message: string): SyncErrorKind {
  if (message === '') return 'unknown';
  if (pagingStuck.test(message)) return 'paging_stuck';
  if (tokenRefused.test(message)) return 'mahak_token_refused';
  if (/login answered http 40[13]|نام کاربری|رمز عبور/.test(message)) return 'mahak_wrong_password';
  if (databaseWords.test(message) && /یافت نشد|not found/.test(message)) return 'mahak_wrong_database';
  if (licenceWords.test(message)) return 'mahak_licence_expired';
  if (/did not answer in time/.test(message)) return 'mahak_timeout';
  if (/http 429/.test(message)) return 'mahak_overloaded';
  if (/connection failed|circuit breaker|econnrefused|enotfound/.test(message)) return 'mahak_unreachable';
  if (/answered http 5\d\d/.test(message)) return 'mahak_server_error';
  if (/pages were applied/.test(message)) return 'pages_not_applied';
  if (/another puller/.test(message)) return 'already_running';
  return 'unknown';
}

/** Mahak's own words when the error carries them; otherwise the technical message, for support. */
function detailOf(error: SyncErrorInput): string | null {
  const details = asRecord(error.details);
  const mahak = typeof details.message === 'string' ? details.message : undefined;
  const text = (mahak ?? error.message ?? '').trim();
  return text === '' ? null : text.slice(0, 500);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
