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
