/** Shell text (top bar, navigation, sign-in, shared components). Namespace `common`. */
export const fa = {
  appName: 'همگام',
  appTagline: 'همگام‌سازی محک و فروشگاه اینترنتی',
  language: { label: 'زبان', switchTo: 'English', fa: 'فارسی', en: 'English' },
  nav: { label: 'منوی اصلی', home: 'خانه' },
  user: {
    menu: 'حساب کاربری',
    changePassword: 'تغییر رمز عبور',
    signOut: 'خروج',
    role: { owner: 'مدیر', staff: 'کارمند' },
  },
  signIn: {
    title: 'ورود به میز کار',
    username: 'نام کاربری',
    password: 'رمز عبور',
    submit: 'ورود',
    submitting: 'در حال ورود…',
    wrongCredentials: 'نام کاربری یا رمز عبور اشتباه است',
  },
  welcome: {
    title: 'به همگام خوش آمدید',
    body: 'بخش‌های میز کار به‌زودی اینجا نمایش داده می‌شوند.',
  },
  placeholder: { title: 'به‌زودی', body: 'این بخش هنوز آماده نیست.' },
  notFound: { title: 'صفحه پیدا نشد', body: 'نشانی واردشده در میز کار وجود ندارد.', home: 'بازگشت به خانه' },
  state: {
    loading: 'در حال بارگذاری…',
    empty: 'چیزی برای نمایش نیست',
    retry: 'تلاش دوباره',
    errorTitle: 'خطا',
    errorCode: 'کد خطا',
  },
  confirm: { ok: 'تأیید', cancel: 'انصراف' },
  money: { rial: 'ریال', toman: 'تومان' },
} as const;

export const en = {
  appName: 'Hamgam',
  appTagline: 'Keeps Mahak and the online store in step',
  language: { label: 'Language', switchTo: 'فارسی', fa: 'فارسی', en: 'English' },
  nav: { label: 'Main menu', home: 'Home' },
  user: {
    menu: 'Account',
    changePassword: 'Change password',
    signOut: 'Sign out',
    role: { owner: 'Owner', staff: 'Staff' },
  },
  signIn: {
    title: 'Sign in to the desk',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    wrongCredentials: 'Wrong username or password',
  },
  welcome: { title: 'Welcome to Hamgam', body: 'The desk sections will appear here soon.' },
  placeholder: { title: 'Coming soon', body: 'This section is not ready yet.' },
  notFound: { title: 'Page not found', body: 'This address does not exist in the desk.', home: 'Back home' },
  state: {
    loading: 'Loading…',
    empty: 'Nothing to show',
    retry: 'Try again',
    errorTitle: 'Error',
    errorCode: 'Error code',
  },
  confirm: { ok: 'OK', cancel: 'Cancel' },
  money: { rial: 'rial', toman: 'toman' },
} as const;
