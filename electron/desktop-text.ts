/** The few words the main process shows itself (tray, dialogs, notifications); Persian first. */
const fa = {
  appName: 'همگام',
  open: 'باز کردن همگام',
  syncNow: 'همگام‌سازی اکنون',
  startAtLogin: 'اجرا با روشن شدن رایانه',
  quit: 'خروج',
  engineRunning: 'همگام در حال اجراست',
  engineStopped: 'همگام متوقف است',
  syncRan: 'همگام‌سازی انجام شد',
  syncIdle: 'همگام‌سازی دیگری در جریان است',
  syncFailed: 'همگام‌سازی ناموفق بود؛ گزارش‌ها را ببینید',
  chooseDataFolder: 'پوشهٔ داده‌های همگام را انتخاب کنید',
  chooseBackupFolder: 'پوشهٔ پشتیبان‌گیری را انتخاب کنید',
};

export const desktopText: Record<'fa' | 'en', Record<keyof typeof fa, string>> = {
  fa,
  en: {
    appName: 'Hamgam',
    open: 'Open Hamgam',
    syncNow: 'Sync now',
    startAtLogin: 'Start with the computer',
    quit: 'Quit',
    engineRunning: 'Hamgam is running',
    engineStopped: 'Hamgam is stopped',
    syncRan: 'Sync finished',
    syncIdle: 'Another sync is already running',
    syncFailed: 'Sync failed; see the logs',
    chooseDataFolder: 'Choose the Hamgam data folder',
    chooseBackupFolder: 'Choose the backup folder',
  },
};

export type DesktopText = Record<keyof typeof fa, string>;
