import { readRestoreMarker } from '../restore-marker.js';
import { finding, notChecked, type CheckFn } from './doctor-types.js';

const minutes = (ms: number) => Math.floor(ms / 60_000);

/** The oldest web order or customer waiting to go to Mahak: the push runs every minute. */
export const outboxCheck: CheckFn = async ({ db, now = Date.now }) => {
  if (!db) return notChecked;
  const [row] = await db.query<{ n: number; oldest: number | null }>(
    "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM push_outbox WHERE state = 'ready'",
  );
  const [disputed] = await db.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM push_outbox WHERE state = 'disputed'",
  );
  const waiting = Number(row.n);
  const ageMin = row.oldest === null ? 0 : minutes(now() - Number(row.oldest));
  const facts = { waiting, oldestMinutes: ageMin, disputed: Number(disputed.n) };
  if (waiting === 0)
    return finding('ok', 'Nothing waiting to be sent to Mahak', 'چیزی در انتظار ارسال به محک نیست', facts);
  const status = ageMin > 120 ? 'fail' : ageMin > 15 ? 'warn' : 'ok';
  return finding(
    status,
    `${waiting} record(s) waiting for Mahak, the oldest for ${ageMin} min`,
    `${waiting} رکورد در انتظار ارسال به محک؛ قدیمی‌ترین ${ageMin} دقیقه`,
    facts,
  );
};

export const deadLetterCheck: CheckFn = async ({ db }) => {
  if (!db) return notChecked;
  const [row] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM dead_letters');
  const count = Number(row.n);
  if (count === 0) return finding('ok', 'No dead letters', 'نامهٔ برگشتی وجود ندارد', { count });
  return finding(
    'warn',
    `${count} dead letter(s) wait for a decision (retry or discard) on the desk`,
    `${count} نامهٔ برگشتی در میز کار منتظر تصمیم (تلاش دوباره یا کنار گذاشتن) است`,
    { count },
  );
};

/** The newest backup, and whether a restore is still waiting for the push's ClientId check. */
export const backupCheck: CheckFn = async ({ db, backups, config, now = Date.now }) => {
  if (!backups) return notChecked;
  const names = await backups.list();
  const marker = db ? await readRestoreMarker(db) : undefined;
  const facts = {
    target: backups.description,
    count: names.length,
    schedule: config.backupSchedule,
    restoredFrom: marker?.backup ?? null,
  };
  const newest = names.at(-1);
  if (!newest)
    return finding(
      'warn',
      `No backup yet in ${backups.description}`,
      `هنوز نسخهٔ پشتیبانی در ${backups.description} نیست`,
      facts,
    );
  const ageH = Math.floor((now() - Date.parse((await backups.readManifest(newest)).createdAt)) / 3600_000);
  const full = { ...facts, newest, newestAgeHours: ageH };
  if (config.backupSchedule === 'off' || ageH > 48)
    return finding(
      'warn',
      `The newest backup is ${ageH} h old${config.backupSchedule === 'off' ? ' and scheduled backups are off' : ''}`,
      `تازه‌ترین نسخهٔ پشتیبان ${ageH} ساعت پیش گرفته شده است${config.backupSchedule === 'off' ? ' و پشتیبان‌گیری خودکار خاموش است' : ''}`,
      full,
    );
  return finding(
    'ok',
    `Newest backup ${newest} (${ageH} h old)`,
    `تازه‌ترین نسخهٔ پشتیبان ${newest} (${ageH} ساعت پیش)`,
    full,
  );
};
