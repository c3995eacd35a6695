import type { MahakSession } from '../../mahak/mahak-client.js';
import { clockSkew } from './clock-skew.js';
import { finding, notChecked, type DoctorDeps, type Finding } from './doctor-types.js';

/** Mahak S3 refuses to continue when the device date differs; a minute already muddles run times. */
const warnSkewMs = 60_000;
const failSkewMs = 5 * 60_000;

export interface MahakProbe {
  reach: Finding;
  login: Finding;
  clock: Finding;
}

/**
 * One fresh login answers three questions: is Mahak reachable, does it accept our user, and how far
 * apart are the clocks. A refused login still proves Mahak reachable.
 */
export async function probeMahak(deps: DoctorDeps): Promise<MahakProbe> {
  const { mahak, config } = deps;
  if (!mahak) return { reach: notChecked, login: notChecked, clock: notChecked };
  const facts = { url: config.mahakUrl, user: config.mahakUser };
  const sentAt = Date.now();
  let session: MahakSession;
  try {
    await mahak.ping();
    session = await mahak.session();
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'INTERNAL';
    const message = (e as Error).message;
    const skipped = finding('skip', 'Not checked: Mahak did not answer', 'بررسی نشد: محک پاسخ نداد');
    if (code === 'MAHAK_AUTH_FAILED')
      return {
        reach: finding('ok', 'Mahak answers', 'محک پاسخ می‌دهد', facts),
        login: finding('fail', `Mahak refused the login: ${message}`, `محک ورود را نپذیرفت: ${message}`, {
          ...facts,
          code,
        }),
        clock: finding('skip', 'Not checked: no login', 'بررسی نشد: ورود ناموفق بود'),
      };
    return {
      reach: finding(
        'fail',
        `Mahak is not reachable (${code}): ${message}`,
        `محک در دسترس نیست (${code}): ${message}`,
        { ...facts, code },
      ),
      login: skipped,
      clock: skipped,
    };
  }
  const answeredAt = Date.now();
  return {
    reach: finding(
      'ok',
      `Mahak answers (${answeredAt - sentAt} ms)`,
      `محک پاسخ می‌دهد (${answeredAt - sentAt} میلی‌ثانیه)`,
      {
        ...facts,
        roundTripMs: answeredAt - sentAt,
      },
    ),
    login: finding(
      'ok',
      `Signed in as visitor ${session.visitorId}`,
      `ورود با ویزیتور ${session.visitorId} انجام شد`,
      {
        visitorId: session.visitorId,
        databaseId: session.databaseId,
        userTitle: session.userTitle ?? null,
      },
    ),
    clock: clockFinding(session.serverTime, sentAt, answeredAt),
  };
}

function clockFinding(serverTime: string | undefined, sentAt: number, answeredAt: number): Finding {
  const skew = serverTime === undefined ? undefined : clockSkew(serverTime, sentAt, answeredAt);
  if (!skew)
    return finding(
      'skip',
      'Mahak did not send a readable ServerTime',
      'محک زمان سرور (ServerTime) خوانایی نفرستاد',
      {
        serverTime: serverTime ?? null,
      },
    );
  const seconds = Math.round(skew.skewMs / 1000);
  const facts = { serverTime: serverTime!, skewSeconds: seconds, readAs: skew.readAs };
  const abs = Math.abs(skew.skewMs);
  const status = abs > failSkewMs ? 'fail' : abs > warnSkewMs ? 'warn' : 'ok';
  return finding(
    status,
    status === 'ok'
      ? `Clocks agree with Mahak (${seconds} s)`
      : `This computer's clock is ${Math.abs(seconds)} s ${seconds > 0 ? 'behind' : 'ahead of'} Mahak's: set the date and time`,
    status === 'ok'
      ? `ساعت این رایانه با محک هماهنگ است (${seconds} ثانیه)`
      : `ساعت این رایانه ${Math.abs(seconds)} ثانیه با ساعت محک اختلاف دارد؛ تاریخ و ساعت را تنظیم کنید`,
    facts,
  );
}
