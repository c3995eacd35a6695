import { z } from 'zod';

/**
 * `hamgam doctor` and GET /admin/api/doctor: one check per part of the appliance, each with a status
 * and a line for the shop in Persian and English. `fail` = something does not work; `warn` = it works
 * but needs attention soon; `skip` = could not be checked because something it needs failed first.
 */
export const doctorStatusSchema = z.enum(['ok', 'warn', 'fail', 'skip']);
export type DoctorStatus = z.infer<typeof doctorStatusSchema>;

export const doctorCheckIdSchema = z.enum([
  'config',
  'database',
  'schema',
  'queue',
  'blob',
  'mahak-reach',
  'mahak-login',
  'clock',
  'disk',
  'versions',
  'outbox',
  'dead-letters',
  'backups',
]);
export type DoctorCheckId = z.infer<typeof doctorCheckIdSchema>;

const bilingual = z.object({ fa: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof bilingual>;

export const doctorCheckSchema = z.object({
  id: doctorCheckIdSchema,
  status: doctorStatusSchema,
  title: bilingual,
  summary: bilingual,
  /** Figures behind the summary (ages in seconds, byte counts, versions); never a secret. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  ms: z.number().int().nonnegative(),
});
export type DoctorCheck = z.infer<typeof doctorCheckSchema>;

export const doctorReportSchema = z.object({
  at: z.string(),
  appVersion: z.string(),
  /** The worst status of any check. */
  status: doctorStatusSchema,
  checks: z.array(doctorCheckSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

const rank: Record<DoctorStatus, number> = { ok: 0, skip: 1, warn: 2, fail: 3 };

export function worstStatus(statuses: readonly DoctorStatus[]): DoctorStatus {
  return statuses.reduce<DoctorStatus>((w, s) => (rank[s] > rank[w] ? s : w), 'ok');
}

// ---- the support bundle: GET /admin/api/doctor/bundle (owner only) ----

/** The desk's «download support bundle»: the same zip as `hamgam doctor --bundle <file>`. */
export const supportBundlePath = '/admin/api/doctor/bundle';

/** The files every bundle holds; `logs/<n>-<name>` follow when the log folders have any. */
export const supportBundleFiles = [
  'doctor.json',
  'doctor-fa.txt',
  'doctor-en.txt',
  'config.json',
  'config-sources.json',
] as const;

/** A bundle's file name: the report's time without «:» and «.», which Windows refuses in names. */
export const supportBundleFileName = (at: string): string => `hamgam-support-${at.replace(/[:.]/g, '-')}.zip`;
const fileNamePattern = /^hamgam-support-[\dTZ-]+\.zip$/;

/**
 * The answer is the zip's bytes, not JSON, so its headers are the contract: a download the browser
 * saves under the bundle's name and never keeps in a cache (it holds the shop's logs).
 */
export const supportBundleHeadersSchema = z.object({
  'content-type': z.literal('application/zip'),
  'content-disposition': z
    .string()
    .refine((v) => fileNamePattern.test(/^attachment; filename="([^"]+)"$/.exec(v)?.[1] ?? ''), {
      message: 'an attachment named hamgam-support-<time>.zip',
    }),
  'cache-control': z.literal('no-store'),
});
export type SupportBundleHeaders = z.infer<typeof supportBundleHeadersSchema>;

export const supportBundleHeaders = (at: string): SupportBundleHeaders =>
  supportBundleHeadersSchema.parse({
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="${supportBundleFileName(at)}"`,
    'cache-control': 'no-store',
  });

/** The name to save a downloaded bundle under, from its Content-Disposition. */
export function supportBundleFileNameOf(disposition: string | null): string {
  const name = /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? '';
  return fileNamePattern.test(name) ? name : 'hamgam-support.zip';
}
