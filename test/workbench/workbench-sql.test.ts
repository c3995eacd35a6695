import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesReport, syncActivityReport, topProductsReport } from '../../core/reports/report-service.js';
import { countDeadLetters, deadLetterGroups, findDeadLetters } from '../../core/store/dead-letter-query.js';
import { drivers, insertDispute, insertOrder, tehran, type Opened } from './workbench-fixtures.js';

/**
 * The workbench's SQL (reports, dead-letter filters) on every driver: the same statements must give
 * the same answers on SQLite and PostgreSQL, bucketed by the Tehran day (midnight = 20:30 UTC).
 */
describe.each(drivers)('workbench SQL on $name', ({ skip, open }) => {
  let opened: Opened;
  const db = () => opened.storage.db;
  beforeAll(async () => {
    if (skip) return;
    opened = await open();
    await seed(opened);
  });
  afterAll(async () => {
    if (!skip) await opened.close();
  });

  it.skipIf(skip)(
    'sales per Tehran day: placed orders only, every day listed, midnight at 20:30 UTC',
    async () => {
      const report = await salesReport(db(), { from: '2025-03-20', to: '2025-03-22' });
      expect(report.period).toEqual({ from: '2025-03-20', to: '2025-03-22', days: 3 });
      expect(report.days).toEqual([
        { date: '2025-03-20', orders: 1, items: 3, amount: 3_000_000 },
        { date: '2025-03-21', orders: 2, items: 3, amount: 5_150_000 },
        { date: '2025-03-22', orders: 0, items: 0, amount: 0 },
      ]);
      expect(report.totals).toEqual({ orders: 3, items: 6, amount: 8_150_000 });
    },
  );

  it.skipIf(skip)('top products by quantity and by amount within the period', async () => {
    const report = await topProductsReport(db(), { from: '2025-03-20', to: '2025-03-21', limit: 2 });
    expect(report.byQuantity.map((p) => [p.productName, p.quantity, p.amount, p.orders])).toEqual([
      ['چای سبز گلستان', 4, 4_000_000, 2],
      ['زعفران قائنات', 1, 2_000_000, 1],
    ]);
    expect(report.byAmount.map((p) => [p.variantId, p.amount])).toEqual([
      [11, 4_000_000],
      [12, 2_000_000],
    ]);
    // The cancelled order's big line and the order outside the period are left out.
    const all = await topProductsReport(db(), { from: '2025-03-20', to: '2025-03-21', limit: 50 });
    expect(all.byQuantity.map((p) => p.variantId).sort()).toEqual([11, 12, 13]);
  });

  it.skipIf(skip)(
    'sync activity: runs, failures, records pulled, items pushed, dead letters and disputes per day',
    async () => {
      const report = await syncActivityReport(db(), { from: '2025-03-20', to: '2025-03-21' });
      expect(report.days[0]).toEqual({
        date: '2025-03-20',
        pullRuns: 2,
        pushRuns: 1,
        driftRuns: 0,
        failedRuns: 1,
        recordsPulled: 1250,
        itemsPushed: 3,
        deadLetters: 0,
        disputes: 1,
      });
      expect(report.days[1]).toMatchObject({
        date: '2025-03-21',
        pullRuns: 0,
        pushRuns: 1,
        itemsPushed: 2,
        deadLetters: 3,
      });
      expect(report.totals).toMatchObject({
        pullRuns: 2,
        pushRuns: 2,
        itemsPushed: 5,
        deadLetters: 3,
        disputes: 1,
      });
    },
  );

  it.skipIf(skip)(
    'dead letters: filter by source, kind, time, and text (ي matches ی, % is literal), newest first',
    async () => {
      const all = await findDeadLetters(db(), {}, { limit: 10, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.items.map((l) => l.id)).toEqual([...all.items.map((l) => l.id)].sort((a, b) => b - a));
      const push = await findDeadLetters(db(), { source: 'push', kind: 'order' }, { limit: 10, offset: 0 });
      expect(push.items.map((l) => l.reason)).toEqual([
        'transient failure',
        'unknown failure after 5 attempts: خطای ناشناخته',
      ]);
      expect((await findDeadLetters(db(), { text: 'كالا' }, { limit: 10, offset: 0 })).items).toHaveLength(1);
      expect((await findDeadLetters(db(), { text: 'ارتباط قطع' }, { limit: 10, offset: 0 })).total).toBe(1);
      expect(await countDeadLetters(db(), { text: '100%' })).toBe(1);
      expect(await countDeadLetters(db(), { text: '10_%' })).toBe(0);
      expect(
        await countDeadLetters(db(), {
          fromMs: tehran('2025-03-21T00:00:00'),
          toMs: tehran('2025-03-22T00:00:00'),
        }),
      ).toBe(3);
      const page2 = await findDeadLetters(db(), {}, { limit: 3, offset: 3 });
      expect(page2).toMatchObject({ total: 4 });
      expect(page2.items).toHaveLength(1);
      const cursor = await findDeadLetters(db(), {}, { limit: 2, offset: 0, afterId: all.items[3].id });
      expect(cursor.items.map((l) => l.id)).toEqual([all.items[2].id, all.items[1].id]);
      expect(await deadLetterGroups(db())).toEqual([
        { source: 'pictures', kind: 'Picture', count: 1 },
        { source: 'pull', kind: 'ProductDetails', count: 1 },
        { source: 'push', kind: 'order', count: 2 },
      ]);
    },
  );
});

async function seed({ storage }: Opened): Promise<void> {
  const db = storage.db;
  const tea = { variantId: 11, name: 'چای سبز گلستان', unitPrice: 1_000_000 };
  const saffron = { variantId: 12, name: 'زعفران قائنات', unitPrice: 2_000_000 };
  const dates = { variantId: 13, name: 'خرمای مضافتی بم', unitPrice: 150_000 };
  // 23:59 Tehran on the 20th is still the 20th; 00:01 on the 21st is the 21st (20:31 UTC on the 20th).
  await insertOrder(db, { createdAt: tehran('2025-03-20T23:59:00'), lines: [{ ...tea, quantity: 3 }] });
  await insertOrder(db, {
    createdAt: tehran('2025-03-21T00:01:00'),
    lines: [
      { ...tea, quantity: 1 },
      { ...dates, quantity: 1 },
    ],
  });
  await insertOrder(db, {
    createdAt: tehran('2025-03-21T18:00:00'),
    lines: [{ ...saffron, quantity: 1 }],
    shipping: 2_000_000,
  });
  await insertOrder(db, {
    createdAt: tehran('2025-03-21T19:00:00'),
    status: 'cancelled',
    lines: [{ ...dates, quantity: 90 }],
  });
  await insertOrder(db, {
    createdAt: tehran('2025-03-21T19:30:00'),
    status: 'awaiting_payment',
    lines: [{ ...dates, quantity: 50 }],
  });
  await insertOrder(db, { createdAt: tehran('2025-03-23T10:00:00'), lines: [{ ...saffron, quantity: 9 }] });
  const run = (
    id: string,
    kind: 'pull' | 'push',
    at: string,
    status: 'ok' | 'failed',
    stats: Record<string, unknown>,
  ) => storage.recordRun({ id, kind, startedAt: tehran(at), finishedAt: tehran(at) + 1000, status, stats });
  await run('p1', 'pull', '2025-03-20T08:00:00', 'ok', {
    pages: 3,
    records: { Products: 1000, ProductDetails: 200 },
  });
  await run('p2', 'pull', '2025-03-20T09:00:00', 'failed', { records: { People: 50 }, quarantined: 0 });
  await run('s1', 'push', '2025-03-20T10:00:00', 'ok', { sent: 3, dead: 0 });
  await run('s2', 'push', '2025-03-21T10:00:00', 'ok', { sent: 2 });
  await run('s3', 'push', '2025-03-25T10:00:00', 'ok', { sent: 7 });
  await insertDispute(db, tehran('2025-03-20T11:00:00'));
  const letter = async (
    at: string,
    l: { source: string; kind: string; reason: string; history?: { at: number; error: string }[] },
  ) => {
    const id = await storage.addDeadLetter({ ...l, payload: { n: 1 }, attempts: 1 });
    await db.run('UPDATE dead_letters SET created_at = ? WHERE id = ?', [tehran(at), id]);
  };
  await letter('2025-03-19T12:00:00', { source: 'pull', kind: 'ProductDetails', reason: 'Price1: عدد منفی' });
  await letter('2025-03-21T01:00:00', {
    source: 'push',
    kind: 'order',
    reason: 'unknown failure after 5 attempts: خطای ناشناخته',
  });
  await letter('2025-03-21T02:00:00', {
    source: 'push',
    kind: 'order',
    reason: 'transient failure',
    history: [
      { at: 1, error: 'ارتباط قطع شد' },
      { at: 2, error: 'كالا حذف شده (100% مطمئن)' },
    ],
  });
  await letter('2025-03-21T03:00:00', { source: 'pictures', kind: 'Picture', reason: 'HTTP 404' });
}
