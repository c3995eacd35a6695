import {
  worstStatus,
  type Bilingual,
  type DoctorCheck,
  type DoctorCheckId,
  type DoctorReport,
} from '../../contracts/admin-doctor.js';
import { appVersion } from '../app-version.js';
import {
  blobCheck,
  configCheck,
  databaseCheck,
  diskCheck,
  queueCheck,
  schemaCheck,
  versionsCheck,
} from './doctor-infra-checks.js';
import { probeMahak, type MahakProbe } from './doctor-mahak-checks.js';
import { finding, type CheckFn, type DoctorDeps, type Finding } from './doctor-types.js';
import { backupCheck, deadLetterCheck, outboxCheck } from './doctor-work-checks.js';

const t = (en: string, fa: string): Bilingual => ({ en, fa });

/** A check that does not answer in this long is reported as failed (a hung database, a silent Mahak). */
const checkTimeoutMs = 45_000;

/** Runs every check (the Mahak ones share one login) and returns the report; never throws. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  let probe: Promise<MahakProbe> | undefined;
  const mahak =
    (pick: keyof MahakProbe): CheckFn =>
    async () =>
      (await (probe ??= probeMahak(deps)))[pick];
  const checks: [DoctorCheckId, Bilingual, CheckFn][] = [
    ['config', t('Configuration', 'تنظیمات'), configCheck],
    ['database', t('Database', 'پایگاه داده'), databaseCheck],
    ['schema', t('Database schema', 'ساختار پایگاه داده'), schemaCheck],
    ['queue', t('Message queue', 'صف پیام'), queueCheck],
    ['blob', t('File storage', 'فضای ذخیرهٔ فایل'), blobCheck],
    ['mahak-reach', t('Mahak server', 'سرور محک'), mahak('reach')],
    ['mahak-login', t('Mahak login', 'ورود به محک'), mahak('login')],
    ['clock', t('Clock against Mahak', 'ساعت در برابر محک'), mahak('clock')],
    ['disk', t('Disk space', 'فضای دیسک'), diskCheck],
    ['versions', t('Versions', 'نسخه‌ها'), versionsCheck],
    ['outbox', t('Waiting for Mahak', 'در انتظار ارسال به محک'), outboxCheck],
    ['dead-letters', t('Dead letters', 'نامه‌های برگشتی'), deadLetterCheck],
    ['backups', t('Backups', 'پشتیبان‌گیری'), backupCheck],
  ];
  const results: DoctorCheck[] = [];
  for (const [id, title, run] of checks) {
    const started = Date.now();
    const found = await withTimeout(run(deps)).catch(failedWith);
    results.push({ id, title, ...found, facts: found.facts ?? {}, ms: Date.now() - started });
  }
  return {
    at: new Date((deps.now ?? Date.now)()).toISOString(),
    appVersion: appVersion(),
    status: worstStatus(results.map((r) => r.status)),
    checks: results,
  };
}

function failedWith(e: unknown): Finding {
  const code = (e as { code?: string }).code ?? 'INTERNAL';
  const message = (e as Error)?.message ?? String(e);
  return finding('fail', `${code}: ${message}`, `${code}: ${message}`, { code });
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`no answer within ${checkTimeoutMs / 1000} s`), { code: 'TIMEOUT' })),
      checkTimeoutMs,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
