import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  salesReportSchema,
  syncActivityReportSchema,
  topProductsReportSchema,
} from '../../core/contracts/admin-reports.js';
import { isoDateOfDay, tehranDayOf } from '../../core/domain/tehran-day.js';
import type { ErrorBody } from '../../core/errors.js';
import { startAdminEnv, type AdminEnv } from '../push/admin-env.js';
import { placeOrder, settle, simCustomer } from '../push/push-env.js';
import { insertOrder } from './workbench-fixtures.js';

/** Reports through /admin/api with app.inject(): answers match the shared schemas, bad periods are refused. */
describe('reports admin API (contract)', () => {
  let env: AdminEnv;
  const today = isoDateOfDay(tehranDayOf(Date.now()));
  beforeAll(async () => {
    env = await startAdminEnv();
    const [a, b] = env.goods.map((g) => ({
      variantId: g.variantId,
      productId: g.productId,
      name: g.name,
      unitPrice: g.price,
    }));
    await insertOrder(env.app.storage.db, {
      createdAt: Date.now(),
      lines: [
        { ...a, quantity: 2 },
        { ...b, quantity: 2 },
      ],
    });
    await insertOrder(env.app.storage.db, { createdAt: Date.now(), lines: [{ ...a, quantity: 1 }] });
    // One order through the push side (placed, its lines not needed here) for the push counts.
    await placeOrder(env.app.storage, env.goods.slice(2, 3), { personServerId: simCustomer(env.sim, 2) });
    await env.call('POST', '/admin/api/sync/pull');
    await settle(env.app.push.worker);
  });
  afterAll(() => env.close());

  it('sales: the last 30 days by default, today holding the orders just placed', async () => {
    const res = await env.call('GET', '/admin/api/reports/sales');
    expect(res.status).toBe(200);
    const report = salesReportSchema.parse(res.body);
    expect(report.period).toMatchObject({ to: today, days: 30 });
    expect(report.days).toHaveLength(30);
    expect(report.days.at(-1)).toMatchObject({ date: today, orders: 3, items: 5 });
    expect(report.totals.amount).toBe(report.days.at(-1)!.amount);
  });

  it('top products: by quantity and by amount', async () => {
    const res = await env.call('GET', `/admin/api/reports/top-products?from=${today}&to=${today}&limit=1`);
    const report = topProductsReportSchema.parse(res.body);
    expect(report.byQuantity).toEqual([
      expect.objectContaining({ variantId: env.goods[0].variantId, quantity: 3, orders: 2 }),
    ]);
    expect(report.byAmount).toHaveLength(1);
  });

  it('sync activity: the pull and the push of today', async () => {
    const res = await env.call('GET', `/admin/api/reports/sync-activity?from=${today}&to=${today}`);
    const report = syncActivityReportSchema.parse(res.body);
    expect(report.days).toHaveLength(1);
    expect(report.days[0].pullRuns).toBeGreaterThanOrEqual(1);
    expect(report.days[0].recordsPulled).toBeGreaterThan(40);
    expect(report.days[0].itemsPushed).toBe(1);
  });

  it.each([
    ['/admin/api/reports/sales?from=2025-13-01'],
    ['/admin/api/reports/sales?from=2025-02-30'],
    ['/admin/api/reports/sales?from=2025-03-02&to=2025-03-01'],
    ['/admin/api/reports/sales?from=2023-01-01&to=2025-01-01'],
    ['/admin/api/reports/sales?from=2001-01-01'],
    ['/admin/api/reports/sales?limit=3'],
    ['/admin/api/reports/top-products?limit=0'],
    ['/admin/api/reports/top-products?limit=51'],
    ['/admin/api/reports/sync-activity?to=1404-01-01'],
    ['/admin/api/reports/sync-activity?from=2025-1-1'],
  ])('%s is refused with VALIDATION_FAILED', async (url) => {
    const res = await env.call<ErrorBody>('GET', url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', messageFa: 'ورودی نامعتبر است' });
  });

  it('documents the workbench routes in the OpenAPI document', async () => {
    const res = await env.server.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/admin/api/dead-letters/{id}',
        '/admin/api/dead-letters/retry-all',
        '/admin/api/disputes/{id}/workbench',
        '/admin/api/reports/sales',
        '/admin/api/reports/top-products',
        '/admin/api/reports/sync-activity',
      ]),
    );
  });

  it('needs a staff sign-in', async () => {
    expect((await env.server.inject({ method: 'GET', url: '/admin/api/reports/sales' })).statusCode).toBe(
      401,
    );
  });
});
