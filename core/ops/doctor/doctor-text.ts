import type { DoctorReport, DoctorStatus } from '../../contracts/admin-doctor.js';

const marks: Record<DoctorStatus, string> = { ok: ' OK ', warn: 'WARN', fail: 'FAIL', skip: ' -- ' };
const overall = {
  en: {
    ok: 'Everything works.',
    warn: 'Works, with warnings.',
    fail: 'Something does not work.',
    skip: 'Not all checked.',
  },
  fa: {
    ok: 'همه‌چیز درست کار می‌کند.',
    warn: 'کار می‌کند، با هشدار.',
    fail: 'بخشی کار نمی‌کند.',
    skip: 'همه بررسی نشد.',
  },
} as const;

/** The report as a clerk reads it: one line per check in Persian or English, then the verdict. */
export function doctorText(report: DoctorReport, lang: 'fa' | 'en'): string {
  const width = Math.max(...report.checks.map((c) => c.title[lang].length));
  const lines = report.checks.map(
    (c) => `[${marks[c.status]}] ${c.title[lang].padEnd(width)}  ${c.summary[lang]}`,
  );
  const head =
    lang === 'fa'
      ? `همگام ${report.appVersion} — ${report.at}`
      : `Hamgam ${report.appVersion} — ${report.at}`;
  return [head, '', ...lines, '', overall[lang][report.status]].join('\n');
}
