import { DAY_MS, TEHRAN_OFFSET_MS } from '../domain/tehran-day.js';
import type { Dialect, SqlExecutor } from './sql-db.js';

/**
 * The desk's reports as grouped SQL, the same statements on SQLite and PostgreSQL. Rows are bucketed
 * by the Tehran day number (tehran-day.ts): an integer expression both dialects divide alike. Each
 * query reads one time range [fromMs, toMs) over an indexed time column (migration 011).
 */

export interface DayRange {
  fromMs: number;
  toMs: number;
}

const dayOf = (column: string) => `((${column} + ${TEHRAN_OFFSET_MS}) / ${DAY_MS})`;
const n = (v: unknown) => Number(v ?? 0);

export interface SalesRow {
  day: number;
  orders: number;
  items: number;
  amount: number;
}

/** Placed web orders per day: count, units (their lines) and totals (rial). */
export async function salesByDay(db: SqlExecutor, range: DayRange): Promise<SalesRow[]> {
  const rows = await db.query(
    `SELECT ${dayOf('o.created_at')} AS day, COUNT(*) AS orders, SUM(o.total) AS amount, ` +
      'SUM((SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id)) AS items ' +
      "FROM orders o WHERE o.status = 'placed' AND o.created_at >= ? AND o.created_at < ? GROUP BY 1",
    [range.fromMs, range.toMs],
  );
  return rows.map((r) => ({ day: n(r.day), orders: n(r.orders), items: n(r.items), amount: n(r.amount) }));
}

export interface TopProductRow {
  variantId: number;
  productId: number;
  productName: string;
  quantity: number;
  amount: number;
  orders: number;
}

/** The best-selling variants of placed orders in the range, by units or by line totals. */
export async function topProducts(
  db: SqlExecutor,
  range: DayRange,
  by: 'quantity' | 'amount',
  limit: number,
): Promise<TopProductRow[]> {
  const order = by === 'quantity' ? 'quantity DESC, amount DESC' : 'amount DESC, quantity DESC';
  const rows = await db.query(
    'SELECT l.variant_id, MAX(l.product_id) AS product_id, MAX(l.product_name) AS product_name, ' +
      'SUM(l.quantity) AS quantity, SUM(l.line_total) AS amount, COUNT(DISTINCT l.order_id) AS orders ' +
      'FROM order_lines l JOIN orders o ON o.id = l.order_id ' +
      "WHERE o.status = 'placed' AND o.created_at >= ? AND o.created_at < ? " +
      `GROUP BY l.variant_id ORDER BY ${order}, l.variant_id LIMIT ?`,
    [range.fromMs, range.toMs, limit],
  );
  return rows.map((r) => ({
    variantId: n(r.variant_id),
    productId: n(r.product_id),
    productName: String(r.product_name ?? ''),
    quantity: n(r.quantity),
    amount: n(r.amount),
    orders: n(r.orders),
  }));
}

export interface RunDayRow {
  day: number;
  kind: string;
  runs: number;
  failed: number;
  records: number;
  pushed: number;
}

/** Sync runs per day and kind: how many, how many failed, records pulled and items pushed. */
export async function runsByDay(db: SqlExecutor, range: DayRange): Promise<RunDayRow[]> {
  const { records, pushed } = statsSql(db.dialect);
  const rows = await db.query(
    `SELECT ${dayOf('started_at')} AS day, kind, COUNT(*) AS runs, ` +
      "SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed, " +
      `SUM(${records}) AS records, SUM(${pushed}) AS pushed ` +
      'FROM sync_runs WHERE started_at >= ? AND started_at < ? GROUP BY 1, 2',
    [range.fromMs, range.toMs],
  );
  return rows.map((r) => ({
    day: n(r.day),
    kind: String(r.kind),
    runs: n(r.runs),
    failed: n(r.failed),
    records: n(r.records),
    pushed: n(r.pushed),
  }));
}

/**
 * A pull run's stats hold `records: { <entity>: n }`, a push run's `sent: n` (pull-run.ts,
 * push-worker.ts). JSON is the one place the dialects differ; anything of another shape counts 0.
 */
function statsSql(dialect: Dialect): { records: string; pushed: string } {
  if (dialect === 'postgres') {
    return {
      records:
        "CASE WHEN jsonb_typeof(stats->'records') = 'object' THEN " +
        "(SELECT COALESCE(SUM(CASE WHEN jsonb_typeof(e.value) = 'number' THEN (e.value#>>'{}')::numeric ELSE 0 END), 0) " +
        "FROM jsonb_each(stats->'records') e) ELSE 0 END",
      pushed: "CASE WHEN jsonb_typeof(stats->'sent') = 'number' THEN (stats->>'sent')::numeric ELSE 0 END",
    };
  }
  return {
    records:
      "CASE WHEN json_type(stats, '$.records') = 'object' THEN " +
      "(SELECT COALESCE(SUM(CASE WHEN e.type IN ('integer', 'real') THEN e.value ELSE 0 END), 0) " +
      "FROM json_each(stats, '$.records') e) ELSE 0 END",
    pushed:
      "CASE WHEN json_type(stats, '$.sent') IN ('integer', 'real') THEN json_extract(stats, '$.sent') ELSE 0 END",
  };
}

/** Rows created per day in a table with a created_at column (dead letters, disputes). */
export async function countByDay(
  db: SqlExecutor,
  table: 'dead_letters' | 'push_disputes',
  range: DayRange,
): Promise<{ day: number; count: number }[]> {
  const rows = await db.query(
    `SELECT ${dayOf('created_at')} AS day, COUNT(*) AS c FROM ${table} ` +
      'WHERE created_at >= ? AND created_at < ? GROUP BY 1',
    [range.fromMs, range.toMs],
  );
  return rows.map((r) => ({ day: n(r.day), count: n(r.c) }));
}
