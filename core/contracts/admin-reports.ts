import { z } from 'zod';

/**
 * Reports on the desk (/admin/api/reports/...). Days are Tehran civil days as ISO dates
 * ('YYYY-MM-DD'); a Jalali day has the same bounds, and the desk labels it in Jalali. Money is rial.
 */

/** A Gregorian date; years outside 2000..2099 are refused so a Jalali date sent by mistake is caught. */
const isoDate = z
  .string()
  .regex(/^20\d{2}-\d{2}-\d{2}$/, 'a Gregorian date as YYYY-MM-DD (2000-2099)')
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
  }, 'not a real date');

/** The longest period one report covers: a year and a day (a Jalali leap year has 366 days). */
export const MAX_REPORT_DAYS = 366;

const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

const periodShape = { from: isoDate.optional(), to: isoDate.optional() };

function checkPeriod(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (!q.from || !q.to) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', message: 'from is after to', path: ['from'] });
  else if (dayCount(q.from, q.to) > MAX_REPORT_DAYS)
    ctx.addIssue({ code: 'custom', message: `at most ${MAX_REPORT_DAYS} days`, path: ['to'] });
}

/** Inclusive period; both ends default on the server (the last 30 days up to today in Tehran). */
export const reportPeriodQuerySchema = z.object(periodShape).strict().superRefine(checkPeriod);
export type ReportPeriodQuery = z.infer<typeof reportPeriodQuerySchema>;

export const reportPeriodSchema = z.object({ from: z.string(), to: z.string(), days: z.number().int() });
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

// ---- web sales per day ----

export const salesDaySchema = z.object({
  date: z.string(),
  /** Placed orders (paid online, or cash on delivery); cancelled and unpaid ones do not count. */
  orders: z.number().int(),
  /** Units sold. */
  items: z.number().int(),
  /** Order totals, rial (shipping included). */
  amount: z.number().int(),
});
export type SalesDay = z.infer<typeof salesDaySchema>;

export const salesReportSchema = z.object({
  period: reportPeriodSchema,
  /** Every day of the period, oldest first, days without sales included (zeros). */
  days: z.array(salesDaySchema),
  totals: salesDaySchema.omit({ date: true }),
});
export type SalesReport = z.infer<typeof salesReportSchema>;

// ---- top products ----

export const topProductsQuerySchema = z
  .object({ ...periodShape, limit: z.coerce.number().int().min(1).max(50).default(10) })
  .strict()
  .superRefine(checkPeriod);
export type TopProductsQuery = z.infer<typeof topProductsQuerySchema>;

export const topProductSchema = z.object({
  variantId: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  quantity: z.number().int(),
  /** Line totals, rial (tax and charges included, shipping not). */
  amount: z.number().int(),
  orders: z.number().int(),
});
export type TopProduct = z.infer<typeof topProductSchema>;

export const topProductsReportSchema = z.object({
  period: reportPeriodSchema,
  byQuantity: z.array(topProductSchema),
  byAmount: z.array(topProductSchema),
});
export type TopProductsReport = z.infer<typeof topProductsReportSchema>;

// ---- sync volume and errors ----

export const syncDaySchema = z.object({
  date: z.string(),
  pullRuns: z.number().int(),
  pushRuns: z.number().int(),
  driftRuns: z.number().int(),
  failedRuns: z.number().int(),
  /** Records read from Mahak by the pulls of the day. */
  recordsPulled: z.number().int(),
  /** Orders and customers Mahak confirmed. */
  itemsPushed: z.number().int(),
  /** Dead letters written that day (any source). */
  deadLetters: z.number().int(),
  /** Disputes opened that day. */
  disputes: z.number().int(),
});
export type SyncDay = z.infer<typeof syncDaySchema>;

export const syncActivityReportSchema = z.object({
  period: reportPeriodSchema,
  days: z.array(syncDaySchema),
  totals: syncDaySchema.omit({ date: true }),
});
export type SyncActivityReport = z.infer<typeof syncActivityReportSchema>;
