/**
 * One registry of error codes (STYLE.md rule 5). Each code has its HTTP status and a message fit for a
 * shop clerk in Persian and English. The renderer imports this too, so it lives in contracts.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, fa: 'ورودی نامعتبر است', en: 'The input is not valid' },
  CONFIG_INVALID: { status: 500, fa: 'تنظیمات نامعتبر است', en: 'The configuration is not valid' },
  NOT_FOUND: { status: 404, fa: 'پیدا نشد', en: 'Not found' },
  UNAUTHORIZED: { status: 401, fa: 'ابتدا وارد شوید', en: 'Please sign in first' },
  FORBIDDEN: { status: 403, fa: 'اجازهٔ این کار را ندارید', en: 'You are not allowed to do this' },
  CONFLICT: { status: 409, fa: 'این رکورد قبلاً ثبت شده است', en: 'This record already exists' },
  RATE_LIMITED: {
    status: 429,
    fa: 'درخواست‌ها بیش از حد است؛ کمی صبر کنید',
    en: 'Too many requests; please wait',
  },
  PAYLOAD_TOO_LARGE: { status: 413, fa: 'حجم درخواست بیش از حد است', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    fa: 'نوع محتوای درخواست پشتیبانی نمی‌شود',
    en: 'This content type is not supported',
  },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    fa: 'شماره موبایل یا رمز عبور اشتباه است',
    en: 'Wrong mobile number or password',
  },
  AUTH_TOKEN_INVALID: { status: 401, fa: 'نشست شما منقضی شده است', en: 'Your session has expired' },
  AUTH_OTP_INVALID: {
    status: 401,
    fa: 'کد ورود اشتباه است یا منقضی شده است',
    en: 'The login code is wrong or has expired',
  },
  MAHAK_AUTH_FAILED: { status: 502, fa: 'ورود به محک ناموفق بود', en: 'Signing in to Mahak failed' },
  MAHAK_UNAVAILABLE: { status: 503, fa: 'سرور محک در دسترس نیست', en: 'The Mahak server is not reachable' },
  MAHAK_REJECTED: { status: 502, fa: 'محک درخواست را نپذیرفت', en: 'Mahak rejected the request' },
  MAHAK_BAD_RESPONSE: { status: 502, fa: 'پاسخ محک نامعتبر است', en: 'Mahak sent an invalid response' },
  CATALOGUE_PREPARING: {
    status: 503,
    fa: 'فهرست کالاهای فروشگاه برای تنظیمات تازه در حال آماده شدن است؛ چند لحظهٔ دیگر دوباره بخواهید',
    en: 'The storefront catalogue is being prepared for the new settings; ask again in a moment',
  },
  STORAGE_UNAVAILABLE: { status: 503, fa: 'پایگاه داده در دسترس نیست', en: 'The database is not reachable' },
  QUEUE_UNAVAILABLE: { status: 503, fa: 'صف پیام در دسترس نیست', en: 'The message queue is not reachable' },
  BLOB_UNAVAILABLE: { status: 503, fa: 'فضای ذخیرهٔ فایل در دسترس نیست', en: 'File storage is not reachable' },
  SYNC_ALREADY_RUNNING: { status: 409, fa: 'همگام‌سازی در حال اجراست', en: 'A sync is already running' },
  LOCK_NOT_HELD: {
    status: 409,
    fa: 'قفل در اختیار این نمونه نیست',
    en: 'This instance does not hold the lock',
  },
  PRODUCT_UNAVAILABLE: {
    status: 409,
    fa: 'این کالا دیگر فروخته نمی‌شود',
    en: 'This product is no longer sold',
  },
  ORDER_PRICE_CHANGED: { status: 409, fa: 'قیمت کالا تغییر کرده است', en: 'The price has changed' },
  ORDER_STOCK_CHANGED: { status: 409, fa: 'موجودی کالا کافی نیست', en: 'Not enough stock' },
  ORDER_NOT_CANCELLABLE: { status: 409, fa: 'این سفارش قابل لغو نیست', en: 'This order cannot be cancelled' },
  ORDER_NOT_PAYABLE: {
    status: 409,
    fa: 'این سفارش در انتظار پرداخت نیست یا مهلت پرداخت آن گذشته است',
    en: 'This order is not awaiting payment or its payment time is over',
  },
  PAYMENT_FAILED: { status: 402, fa: 'پرداخت ناموفق بود', en: 'The payment failed' },
  DISPUTE_RESOLUTION_NOT_ALLOWED: {
    status: 409,
    fa: 'این راه‌حل برای این اختلاف مجاز نیست',
    en: 'This resolution is not allowed for this dispute',
  },
  PUSH_AMOUNT_NOT_CONVERTIBLE: {
    status: 422,
    fa: 'مبلغ به تومان تبدیل‌شدنی نیست (بر ۱۰ بخش‌پذیر نیست)',
    en: 'The amount cannot be sent in toman (not divisible by 10)',
  },
  STORAGE_SCHEMA_MISMATCH: {
    status: 500,
    fa: 'نسخهٔ پایگاه داده با برنامه سازگار نیست',
    en: 'The database schema does not match this version',
  },
  STORAGE_TARGET_NOT_EMPTY: {
    status: 409,
    fa: 'پایگاه دادهٔ مقصد خالی نیست',
    en: 'The target database is not empty',
  },
  // ---- the desk (renderer/, served by core/api/routes/desk-routes.ts) ----
  DESK_NOT_BUILT: {
    status: 503,
    fa: 'میز کار هنوز ساخته نشده است؛ دستور npm run build:desk را اجرا کنید',
    en: 'The desk is not built yet; run npm run build:desk',
  },
  // ---- desk: catalogue and orders (admin-catalogue.ts, admin-orders.ts) ----
  PRODUCT_SLUG_INVALID: {
    status: 400,
    fa: 'نشانی وب کالا باید ۲ تا ۸۰ نویسه از حروف فارسی، حروف کوچک انگلیسی، رقم و خط تیره باشد و فقط از رقم نباشد',
    en: 'The product slug must be 2-80 Persian letters, lower-case Latin letters, digits or hyphens, and not digits only',
  },
  PRODUCT_SLUG_TAKEN: {
    status: 409,
    fa: 'این نشانی وب برای کالای دیگری ثبت شده است',
    en: 'Another product already uses this slug',
  },
  PRODUCT_DESCRIPTION_INVALID: {
    status: 400,
    fa: 'توضیحات کالا حداکثر ۴۰۰۰ نویسه است و نویسهٔ کنترلی نمی‌پذیرد',
    en: 'The product description may have at most 4000 characters and no control characters',
  },
  ORDER_ACTION_NOT_ALLOWED: {
    status: 409,
    fa: 'این کار در وضعیت فعلی سفارش ممکن نیست',
    en: "This action is not possible in the order's current state",
  },
  // ---- security (issue 11): requests refused before routing, text, sign-in limits ----
  URL_INVALID: { status: 400, fa: 'نشانی درخواست نامعتبر است', en: 'The request URL is not valid' },
  URI_TOO_LONG: { status: 414, fa: 'نشانی درخواست بیش از حد طولانی است', en: 'The request URL is too long' },
  HEADERS_TOO_LARGE: {
    status: 431,
    fa: 'سرآیندهای درخواست بیش از حد بزرگ است',
    en: 'The request headers are too large',
  },
  REQUEST_TIMEOUT: { status: 408, fa: 'درخواست دیر رسید', en: 'The request took too long' },
  REQUEST_MALFORMED: { status: 400, fa: 'درخواست نامعتبر است', en: 'The request is not valid HTTP' },
  AUTH_LOCKED: {
    status: 429,
    fa: 'به دلیل چند ورود ناموفق پشت‌سرهم، ورود به این حساب موقتاً بسته است؛ کمی بعد دوباره امتحان کنید',
    en: 'Too many failed sign-ins: this account is locked for a while; try again later',
  },
  // ---- end security ----
  // ---- desk settings, setup and staff accounts (core/settings, core/accounts) ----
  SETTING_LOCKED: {
    status: 409,
    fa: 'این تنظیم در فایل پیکربندی یا متغیر محیطی سرور تعیین شده و از اینجا تغییر نمی‌کند',
    en: 'This setting is fixed by the config file or an environment variable and cannot be changed here',
  },
  STAFF_LAST_OWNER: {
    status: 409,
    fa: 'دست‌کم یک مدیر فعال باید بماند',
    en: 'At least one active owner must remain',
  },
  STAFF_DISABLED: {
    status: 403,
    fa: 'این حساب غیرفعال شده است؛ با مدیر فروشگاه تماس بگیرید',
    en: 'This account is disabled; ask the shop owner',
  },
  AUTH_WRONG_PASSWORD: { status: 400, fa: 'رمز فعلی اشتباه است', en: 'The current password is wrong' },
  // ---- trust (issue 8): a pull and push that survive the Mahak we cannot see ----
  PULL_ROWVERSION_TIE: {
    status: 502,
    fa: 'تعداد ردیف‌هایی از محک که یک RowVersion مشترک دارند از بزرگ‌ترین صفحهٔ مجاز بیشتر است؛ اندازهٔ صفحه را بزرگ‌تر کنید یا آن ردیف‌ها را در محک دوباره ذخیره کنید',
    en: 'More Mahak rows share one RowVersion than the largest allowed page; raise the page size or save those rows again in Mahak',
  },
  PULL_STALLED: {
    status: 503,
    fa: 'صفحه‌های دریافتی از محک اعمال نمی‌شوند؛ صف پیام یا نامه‌های برگشتی را بررسی کنید',
    en: 'Pulled pages are not being applied; check the message queue and the dead letters',
  },
  PULL_INTERRUPTED: {
    status: 503,
    fa: 'دریافت از محک با بسته شدن برنامه نیمه‌کاره ماند؛ دریافت بعدی از همان‌جا ادامه می‌یابد',
    en: 'The pull was stopped because Hamgam is shutting down; the next pull resumes where it stopped',
  },
  PULL_PAGES_HELD: {
    status: 409,
    fa: 'برخی صفحه‌های دریافتی از محک اعمال نشدند؛ تا تصمیم شما در نامه‌های برگشتی، همگام‌سازی از همان‌جا ادامه می‌یابد',
    en: 'Some pulled pages could not be applied; the sync resumes from there until you retry or discard them in the dead letters',
  },
  // ---- operations (issue 10): backup, restore, doctor ----
  BACKUP_INVALID: {
    status: 422,
    fa: 'نسخهٔ پشتیبان ناقص یا خراب است',
    en: 'The backup is incomplete or damaged',
  },
  BACKUP_NEWER_SCHEMA: {
    status: 409,
    fa: 'این نسخهٔ پشتیبان را نسخهٔ جدیدتری از همگام ساخته است؛ ابتدا برنامه را به‌روز کنید',
    en: 'This backup was made by a newer Hamgam; update the program first',
  },
  BACKUP_FAILED: {
    status: 500,
    fa: 'پشتیبان‌گیری یا بازگردانی ناموفق بود',
    en: 'The backup or restore failed',
  },
  INTERNAL: {
    status: 500,
    fa: 'خطای داخلی؛ به پشتیبانی اطلاع دهید',
    en: 'Internal error; please contact support',
  },
} as const satisfies Record<string, { status: number; fa: string; en: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The body every HTTP error has, storefront and admin alike. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageFa: string; details?: unknown };
}
