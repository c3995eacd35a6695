/**
 * What staff read when pushing is paused by a Mahak choice that is missing or ambiguous
 * (core/push/push-choices.ts): which key to fix, and where. Keys the desk's settings page edits are
 * fixed there; the others only in the server's configuration (env / config file).
 */

export interface PauseFacts {
  key: string;
  env: string;
  problem: string;
  /** The English sentence of the CONFIG_INVALID that paused the run. */
  message: string;
  /** The key is set by env / config file: the desk cannot change it, so the fix is there. */
  locked?: boolean;
}

/** Keys the desk's settings page edits (core/contracts/admin-settings.ts settingKeySchema). */
const deskKeys = new Set(['storeId', 'mahakPersonGroupId', 'mahakBankId']);
/** Only paid online orders carry a cheque and need the bank; the rest of the push goes on. */
const bankKeys = new Set(['mahakBankId', 'mahakBankCode']);

const whatFa: Record<string, string> = {
  storeId: 'انبار سفارش‌ها',
  storeCode: 'کد انبار سفارش‌ها',
  mahakPersonGroupId: 'گروه اشخاص مشتریان جدید',
  mahakPersonGroupCode: 'کد گروه اشخاص مشتریان جدید',
  mahakBankId: 'حساب بانکی پرداخت‌های اینترنتی',
  mahakBankCode: 'کد حساب بانکی پرداخت‌های اینترنتی',
};

const problemFa: Record<string, string> = {
  'not in Mahak': 'در محک وجود ندارد',
  ambiguous: 'در محک بیش از یک مورد با این کد هست',
  'none in Mahak': 'در محک هیچ موردی تعریف نشده است',
};

export interface PauseText {
  where: 'settings' | 'config';
  fa: string;
  en: string;
}

/**
 * The banner's message under its title (the desk titles it: «ارسال به محک متوقف است», or for the bank
 * the paid orders waiting): what is wrong and what waits meanwhile, without repeating the title. Where to
 * fix it, with the key or env name, is the banner's last line (`where`).
 */
export function pauseText(f: PauseFacts): PauseText {
  const where = deskKeys.has(f.key) && !f.locked ? 'settings' : 'config';
  const what = whatFa[f.key] ?? f.key;
  const problem = problemFa[f.problem] ?? f.problem;
  if (bankKeys.has(f.key))
    return {
      where,
      fa: `${what} ${problem}. تا درست شدن آن، سفارش‌های پرداخت‌شدهٔ اینترنتی در صف می‌مانند و چیزی از دست نمی‌رود؛ سفارش‌های پرداخت در محل ارسال می‌شوند.`,
      en: `${f.message} (${f.key}). Until it is fixed, paid online orders wait in the outbox; nothing is lost. Cash-on-delivery orders still go.`,
    };
  return {
    where,
    fa: `${what} ${problem}. تا درست شدن آن، سفارش‌ها در صف می‌مانند و چیزی از دست نمی‌رود.`,
    en: `${f.message} (${f.key}). Until it is fixed, orders wait in the outbox; nothing is lost.`,
  };
}
