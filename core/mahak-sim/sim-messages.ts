/**
 * Persian texts the simulator answers with. Real Mahak texts are unknown except the fragment "ثبت ... ویرایش"
 * for a re-sent order (API.md §4.2, §7); the rest are the sim's own wording. Clients must show them, never
 * parse them (except that one fragment).
 */
export const faMessages = {
  loginFailed: 'نام کاربری یا رمز عبور اشتباه است',
  databaseNotFound: 'پایگاه داده مورد نظر یافت نشد',
  tokenInvalid: 'توکن نامعتبر است یا منقضی شده است؛ لطفاً دوباره وارد شوید',
  badRequest: 'درخواست نامعتبر است',
  serverError: 'خطای داخلی سرور؛ لطفاً دوباره تلاش کنید',
  tooManyRequests: 'تعداد درخواست‌ها بیش از حد مجاز است',
  saveFailed: 'ذخیره اطلاعات با خطا مواجه شد',
  unknownEntity: 'نوع موجودیت نامعتبر است',
  uploadMissingFile: 'فایلی برای بارگذاری ارسال نشده است',
  uploadPictureNotFound: 'تصویر مورد نظر یافت نشد',
  orderAlreadyRegistered: 'این سفارش قبلاً ثبت شده و قابل ویرایش نیست',
  receiptAlreadyRegistered: 'این دریافت قبلاً ثبت شده و قابل ویرایش نیست',
  chequeAlreadyRegistered: 'این چک قبلاً ثبت شده و قابل ویرایش نیست',
  lineOfRegisteredOrder: 'سفارش این ردیف قبلاً ثبت شده و قابل ویرایش نیست',
  required: (field: string) => `مقدار ${field} الزامی است`,
  invalid: (field: string) => `مقدار ${field} نامعتبر است`,
  notFound: (field: string) => `رکورد مرتبط (${field}) یافت نشد`,
  visitorMismatch: 'کد ویزیتور با کاربر واردشده مطابقت ندارد',
  personGroupNotFound: 'گروه اشخاص یافت نشد',
  productUnavailable: 'این کالا حذف شده یا در فهرست کالاهای این ویزیتور نیست',
  insufficientStock: (available: number) => `موجودی کالا در انبار کافی نیست (موجودی فعلی: ${available})`,
  priceMismatch: (expected: number) => `قیمت واحد با قیمت سطح فروش مشتری (${expected} ریال) مطابقت ندارد`,
  rolledBack: 'به دلیل خطا در رکوردهای دیگر این درخواست، ذخیره نشد',
  notSupported: (collection: string) => `ذخیره ${collection} در این سرور پشتیبانی نمی‌شود`,
  orderNotFound: 'سفارش مورد نظر یافت نشد',
  paymentRefused: 'ثبت دریافت برای این صندوق یا حساب مجاز نیست',
  orderRefused: 'فاکتور ثبت نشد؛ خطا در پردازش سفارش',
} as const;

/** Per-record error codes (EntityUpdateResult.Errors[].Code). Mahak's own codes are unknown (API.md §7). */
export const saveErrorCodes = {
  required: 1,
  invalid: 2,
  notFound: 3,
  alreadyRegistered: 4,
  productUnavailable: 5,
  insufficientStock: 6,
  priceMismatch: 7,
  rolledBack: 8,
  refused: 9,
} as const;
