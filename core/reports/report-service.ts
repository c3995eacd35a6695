import {
  MAX_REPORT_DAYS,
  type ReportPeriod,
  type ReportPeriodQuery,
  type SalesReport,
  type SyncActivityReport,
  type SyncDay,
  type TopProductsQuery,
  type TopProductsReport,
} from '../contracts/admin-reports.js';
import { dayOfIsoDate, isoDateOfDay, tehranDayOf, tehranDayStart } from '../domain/tehran-day.js';
import { HamgamError } from '../errors.js';
import { countByDay, runsByDay, salesByDay, topProducts, type DayRange } from '../store/report-queries.js';
import type { SqlExecutor } from '../store/sql-db.js';

/** A period as day numbers (inclusive) and as the instants the SQL reads. */
interface Days {
  first: number;
  last: number;
  range: DayRange;
  period: ReportPeriod;
}

const DEFAULT_DAYS = 30;

/** The requested period, or the last 30 Tehran days up to today; a longer span than a year is refused. */
export function resolvePeriod(q: { from?: string; to?: string }, now = Date.now()): Days {
  const last = q.to ? dayOfIsoDate(q.to) : tehranDayOf(now);
  const first = q.from ? dayOfIsoDate(q.from) : last - (DEFAULT_DAYS - 1);
  if (
    !Number.isFinite(first) ||
    !Number.isFinite(last) ||
    first > last ||
    last - first + 1 > MAX_REPORT_DAYS
  ) {
    throw new HamgamError('VALIDATION_FAILED', `Choose a period of 1 to ${MAX_REPORT_DAYS} days`, {
      fields: [{ in: 'querystring', field: 'from', message: 'period out of range', code: 'custom' }],
    });
  }
  return {
    first,
    last,
    range: { fromMs: tehranDayStart(first), toMs: tehranDayStart(last + 1) },
    period: { from: isoDateOfDay(first), to: isoDateOfDay(last), days: last - first + 1 },
  };
}

function everyDay<T>(days: Days, make: (date: string) => T): Map<number, T> {
  const out = new Map<number, T>();
  for (let d = days.first; d <= days.last; d++) out.set(d, make(isoDateOfDay(d)));
  return out;
}

export async function salesReport(db: SqlExecutor, q: ReportPeriodQuery): Promise<SalesReport> {
  const days = resolvePeriod(q);
  const byDay = everyDay(days, (date) => ({ date, orders: 0, items: 0, amount: 0 }));
  for (const r of await salesByDay(db, days.range)) {
    const day = byDay.get(r.day);
    if (day) Object.assign(day, { orders: r.orders, items: r.items, amount: r.amount });
  }
  const list = [...byDay.values()];
  const totals = { orders: 0, items: 0, amount: 0 };
  for (const d of list) {
    totals.orders += d.orders;
    totals.items += d.items;
    totals.amount += d.amount;
  }
  return { period: days.period, days: list, totals };
}

export async function topProductsReport(db: SqlExecutor, q: TopProductsQuery): Promise<TopProductsReport> {
  const days = resolvePeriod(q);
  const [byQuantity, byAmount] = await Promise.all([
    topProducts(db, days.range, 'quantity', q.limit),
    topProducts(db, days.range, 'amount', q.limit),
  ]);
  return { period: days.period, byQuantity, byAmount };
}

const emptySyncDay = (date: string): SyncDay => ({
  date,
  pullRuns: 0,
  pushRuns: 0,
  driftRuns: 0,
  failedRuns: 0,
  recordsPulled: 0,
  itemsPushed: 0,
  deadLetters: 0,
  disputes: 0,
});

const runField = { pull: 'pullRuns', push: 'pushRuns', drift: 'driftRuns' } as const;

export async function syncActivityReport(db: SqlExecutor, q: ReportPeriodQuery): Promise<SyncActivityReport> {
  const days = resolvePeriod(q);
  const byDay = everyDay(days, emptySyncDay);
  const [runs, letters, disputes] = await Promise.all([
    runsByDay(db, days.range),
    countByDay(db, 'dead_letters', days.range),
    countByDay(db, 'push_disputes', days.range),
  ]);
  for (const r of runs) {
    const day = byDay.get(r.day);
    if (!day) continue;
    const kind = runField[r.kind as keyof typeof runField];
    if (kind) day[kind] += r.runs;
    day.failedRuns += r.failed;
    day.recordsPulled += r.records;
    day.itemsPushed += r.pushed;
  }
  for (const r of letters) if (byDay.has(r.day)) byDay.get(r.day)!.deadLetters += r.count;
  for (const r of disputes) if (byDay.has(r.day)) byDay.get(r.day)!.disputes += r.count;
  const list = [...byDay.values()];
  const totals = emptySyncDay('');
  for (const d of list) {
    for (const key of Object.keys(totals) as (keyof SyncDay)[]) {
      if (key !== 'date') totals[key] += d[key];
    }
  }
  const { date: _date, ...sums } = totals;
  return { period: days.period, days: list, totals: sums };
}
