import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminCustomerDetailSchema,
  adminCustomerListSchema,
  adminOrderDetailSchema,
  adminOrderListSchema,
  type AdminOrderDetail,
} from '../../core/contracts/admin-orders.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { drivers, startDeskApiEnv, type DeskApiEnv } from './desk-api-env.js';

/**
 * The desk's orders and customers API on the whole app: orders placed through the storefront API,
 * listed and filtered, pushed now to the simulator (timeline up to Mahak's invoice number), an unpaid
 * order cancelled (stock back, audited), and bad input refused with nothing changed.
 */
describe.each(drivers)('admin orders and customers API (%s, whole app)', (driver) => {
  let env: DeskApiEnv;
  let zahra: { id: string; token: string };
  let reza: { id: string; token: string };
  let cod: string;
  let online: string;
  beforeAll(async () => {
    env = await startDeskApiEnv(driver);
    // No automatic push after a checkout (its nudge): the orders wait for the clerk's "push now".
    await env.app.push.push.stop();
    zahra = await env.customer('09151234567', 'زهرا', 'كاظمي');
    reza = await env.customer('09359876543', 'رضا', 'احمدی');
    const [a, b] = env.goods;
    cod = (await env.checkout(zahra.token, [{ variantId: a.variantId, quantity: 2 }])).id;
    online = (await env.checkout(reza.token, [{ variantId: b.variantId, quantity: 1 }], 'online')).id;
  });
  afterAll(() => env.close());

  const get = async <T>(url: string, schema: { parse(v: unknown): T }) => {
    const res = await env.req('GET', url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return schema.parse(res.body);
  };
  const orders = (query = '') => get(`/admin/api/orders${query}`, adminOrderListSchema);
  const order = (id: string) => get(`/admin/api/orders/${id}`, adminOrderDetailSchema);

  it('lists orders newest first and filters by status, search (name ي/ی, mobile digits, number) and date', async () => {
    const all = await orders();
    expect(all.items.map((o) => o.id)).toEqual([online, cod]);
    expect((await orders('?status=awaiting_payment')).items.map((o) => o.id)).toEqual([online]);
    expect((await orders('?syncStatus=pending')).items).toHaveLength(2);
    expect((await orders(`?q=${encodeURIComponent('زهرا کاظمی')}`)).items.map((o) => o.id)).toEqual([cod]);
    expect((await orders(`?q=${encodeURIComponent('۹۸۷۶')}`)).items.map((o) => o.id)).toEqual([online]);
    const number = all.items.find((o) => o.id === cod)!.number;
    expect((await orders(`?q=${number}`)).items.map((o) => o.id)).toContain(cod);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await orders(`?from=${day}&to=${day}`)).items).toHaveLength(2);
    expect((await orders('?to=2001-01-01')).items).toHaveLength(0);
    const first = await orders('?limit=1');
    expect(first.nextCursor).not.toBeNull();
    expect((await orders(`?limit=1&cursor=${first.nextCursor}`)).items.map((o) => o.id)).toEqual([cod]);
  });

  it('refuses bad queries and unknown orders with the documented body', async () => {
    for (const query of ['?status=lost', '?from=yesterday', '?limit=500', '?cursor=xyz', '?sort=total']) {
      const res = await env.req<ErrorBody>('GET', `/admin/api/orders${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const res = await env.req<ErrorBody>('GET', '/admin/api/orders/no-such-order');
    expect(res.status).toBe(404);
    expect((await env.req('POST', '/admin/api/orders/no-such-order/push')).status).toBe(404);
    expect((await env.req('POST', `/admin/api/orders/${cod}/cancel`, { reason: 'x' })).status).toBe(400);
  });

  it('push now: the order reaches Mahak and the timeline ends with the invoice number (audited)', async () => {
    const before = await order(cod);
    expect(before.actions.pushNow).toEqual({ allowed: true, blockedBy: null });
    expect(before.timeline.map((e) => e.kind)).toEqual(['placed']);
    const res = await env.req<AdminOrderDetail>('POST', `/admin/api/orders/${cod}/push`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = adminOrderDetailSchema.parse(res.body);
    expect(after.syncStatus).toBe('sent');
    expect(after.mahakOrderId).toBeGreaterThan(0);
    expect(after.timeline.map((e) => e.kind)).toEqual(['placed', 'staff_action', 'sent', 'mahak_invoice']);
    expect(after.timeline.at(-1)?.detail.mahakOrderId).toBe(after.mahakOrderId);
    expect(after.actions.pushNow.blockedBy).toBe('already_sent');
    expect(after.actions.cancel.allowed).toBe(false);
    const refused = await env.req<ErrorBody>('POST', `/admin/api/orders/${cod}/push`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ORDER_ACTION_NOT_ALLOWED');
    expect(await env.count('audit_log', "target_type = 'order' AND target_id = ?", [cod])).toBe(1);
  });

  it('cancels an unpaid online order: stock back, timeline, audit; refuses a sent one', async () => {
    const before = await order(online);
    expect(before.actions.pushNow.blockedBy).toBe('awaiting_payment');
    expect(before.actions.cancel.allowed).toBe(true);
    const res = await env.req<AdminOrderDetail>('POST', `/admin/api/orders/${online}/cancel`, {
      note: 'مشتری تماس گرفت',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = adminOrderDetailSchema.parse(res.body);
    expect(after).toMatchObject({ status: 'cancelled', cancelReason: 'staff' });
    expect(after.timeline.map((e) => e.kind)).toEqual(['placed', 'staff_action', 'cancelled']);
    expect(after.timeline[1].detail).toMatchObject({
      action: 'order.cancel',
      by: 'moradi',
      note: 'مشتری تماس گرفت',
    });
    expect(await env.count('stock_reservations', 'order_id = ? AND released_at IS NULL', [online])).toBe(0);
    const again = await env.req<ErrorBody>('POST', `/admin/api/orders/${online}/cancel`, {});
    expect(again.body.error.code).toBe('ORDER_NOT_CANCELLABLE');
    const sent = await env.req<ErrorBody>('POST', `/admin/api/orders/${cod}/cancel`);
    expect(sent.status).toBe(409);
    expect(sent.body.error.code).toBe('ORDER_NOT_CANCELLABLE');
    expect(await env.count('audit_log', "target_type = 'order' AND target_id = ?", [online])).toBe(1);
  });

  it('lists customers with their Mahak person link and shows their orders', async () => {
    const list = await get('/admin/api/customers', adminCustomerListSchema);
    const byId = new Map(list.items.map((c) => [c.id, c]));
    // Zahra's order went to Mahak with her new person first: linked with a PersonId and ClientId.
    expect(byId.get(zahra.id)).toMatchObject({ linkState: 'linked', orderCount: 1 });
    expect(byId.get(zahra.id)!.mahakPersonId).toBeGreaterThan(0);
    expect(byId.get(zahra.id)!.personClientId).toBeGreaterThan(0);
    // Reza's person went along in the same push run (people are pushed whether or not their order is paid).
    const rezaLink = byId.get(reza.id)!;
    expect(rezaLink.linkState === 'linked').toBe(rezaLink.mahakPersonId !== null);
    const found = await get(
      `/admin/api/customers?q=${encodeURIComponent('۰۹۱۵۱۲۳')}`,
      adminCustomerListSchema,
    );
    expect(found.items.map((c) => c.id)).toEqual([zahra.id]);
    const detail = await get(`/admin/api/customers/${zahra.id}`, adminCustomerDetailSchema);
    expect(detail.orders.map((o) => o.id)).toEqual([cod]);
    expect(detail.push?.state).toBe('sent');
    // Once Mahak's person is pulled its group is named from the pulled PersonGroups list; a group that
    // list lacks keeps its id with no name (the desk says so).
    await env.app.engine.pullNow();
    const pulled = (await get(`/admin/api/customers/${zahra.id}`, adminCustomerDetailSchema)).mahakPerson!;
    expect(pulled.personGroupId).toBeGreaterThan(0);
    expect(pulled.personGroupName).toMatch(/[\u0600-\u06ff]/);
    await env.app.storage.db.query('UPDATE customers SET person_group_id = ? WHERE id = ?', [
      987_654,
      pulled.personId,
    ]);
    const orphan = (await get(`/admin/api/customers/${zahra.id}`, adminCustomerDetailSchema)).mahakPerson!;
    expect(orphan).toMatchObject({ personGroupId: 987_654, personGroupName: null });
    const bad = await env.req<ErrorBody>('GET', '/admin/api/customers?linkState=maybe');
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await env.req('GET', '/admin/api/customers/nobody')).status).toBe(404);
  });

  it('documents the desk routes in the OpenAPI document', async () => {
    const res = await env.server.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/admin/api/catalogue/products',
        '/admin/api/catalogue/products/{id}',
        '/admin/api/catalogue/categories',
        '/admin/api/orders',
        '/admin/api/orders/{id}',
        '/admin/api/orders/{id}/cancel',
        '/admin/api/orders/{id}/push',
        '/admin/api/customers',
        '/admin/api/customers/{id}',
      ]),
    );
  });
});
