import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisputeDetail, DisputeList } from '../../core/contracts/admin.js';
import { orderClientId } from '../../core/domain/client-ids.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';
import { placeOrder, settle, simCustomer } from './push-env.js';

/**
 * Every dispute kind, produced by the simulator the way Mahak would (a product deleted at the desk,
 * a price changed under strict pricing, stock gone with negative stock disallowed, a missing person
 * group), shown and resolved through the admin API, with the audit rows checked.
 */
describe('disputes through the admin API (SQLite, whole app)', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv();
  });
  afterAll(() => env.close());

  const push = () => settle(env.app.push.worker);
  async function openDisputeOf(orderId: string): Promise<DisputeDetail> {
    const list = await env.call<DisputeList>('GET', '/admin/api/disputes?status=open');
    const summary = list.body.items.find((d) => d.orderId === orderId);
    expect(summary, `an open dispute for ${orderId}`).toBeDefined();
    const detail = await env.call<DisputeDetail>('GET', `/admin/api/disputes/${summary!.id}`);
    expect(detail.status).toBe(200);
    return detail.body;
  }
  async function mahakOrder(orderSeq: number) {
    const generation = (await getGeneration(env.app.storage.db))!;
    const books = env.sim.control.books();
    const orders = books.Orders.filter((o) => o.OrderClientId === orderClientId(generation, orderSeq));
    return { orders, lines: books.OrderDetails.filter((d) => orders.some((o) => o.OrderId === d.OrderId)) };
  }
  async function auditOf(disputeId: string) {
    return env.app.storage.db.query<{
      actor: string;
      action: string;
      before_json: string;
      after_json: string;
    }>(
      "SELECT actor, action, before_json, after_json FROM audit_log WHERE target_type = 'dispute' AND target_id = ?",
      [disputeId],
    );
  }
  const syncStatus = async (orderId: string) =>
    (
      await env.app.storage.db.query<{ sync_status: string; status: string }>(
        'SELECT sync_status, status FROM orders WHERE id = ?',
        [orderId],
      )
    )[0];

  it('product deleted after checkout: refuses a resolution not allowed, then edit-and-resend drops the line', async () => {
    const [gone, kept] = env.goods.slice(0, 2);
    const order = await placeOrder(env.app.storage, [gone, kept], {
      personServerId: simCustomer(env.sim, 3),
    });
    env.sim.control.deleteProduct(gone.productId);
    await push();
    const d = await openDisputeOf(order.orderId);
    expect(d.reason).toBe('product_deleted');
    expect(d.mahakMessage).toMatch(/کالا/);
    expect(
      (d.mahakCurrent as { Products: { ProductId: number; Deleted: boolean }[] }).Products,
    ).toContainEqual(expect.objectContaining({ ProductId: gone.productId, Deleted: true }));
    expect(d.suggestedEdits).toEqual([{ kind: 'remove_line', lineIndex: 0 }]);
    expect(await syncStatus(order.orderId)).toMatchObject({ sync_status: 'disputed' });

    const refused = await env.call<{ error: { code: string } }>(
      'POST',
      `/admin/api/disputes/${d.id}/resolve`,
      { resolution: 'accept_mahak' },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DISPUTE_RESOLUTION_NOT_ALLOWED');
    expect(await auditOf(d.id)).toHaveLength(0);

    const resolved = await env.call<DisputeDetail>('POST', `/admin/api/disputes/${d.id}/resolve`, {
      resolution: 'edit_and_resend',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'edit_and_resend' });
    await push();
    const inMahak = await mahakOrder(order.orderSeq);
    expect(inMahak.orders).toHaveLength(1);
    expect(inMahak.lines.map((l) => l.ProductDetailId)).toEqual([kept.variantId]);
    expect(await syncStatus(order.orderId)).toMatchObject({ sync_status: 'sent' });
    const lines = await env.app.storage.db.query('SELECT variant_id FROM order_lines WHERE order_id = ?', [
      order.orderId,
    ]);
    expect(lines).toEqual([{ variant_id: kept.variantId }]);
    const [audit] = await auditOf(d.id);
    expect(audit.action).toBe('dispute.edit_and_resend');
    expect(JSON.parse(audit.after_json).changes.changes).toEqual([
      expect.objectContaining({ field: 'removed', lineIndex: 0 }),
    ]);
    expect(JSON.parse(audit.before_json).payload.lines).toHaveLength(2);

    const again = await env.call<{ error: { code: string } }>('POST', `/admin/api/disputes/${d.id}/resolve`, {
      resolution: 'resend',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('product deleted, then restored at the desk: resend as is (next revision, same OrderClientId)', async () => {
    const g = env.goods[2];
    const order = await placeOrder(env.app.storage, [g], { personServerId: simCustomer(env.sim, 4) });
    env.sim.control.deleteProduct(g.productId);
    await push();
    const d = await openDisputeOf(order.orderId);
    env.sim.control.restoreProduct(g.productId);
    const res = await env.call('POST', `/admin/api/disputes/${d.id}/resolve`, {
      resolution: 'resend',
      note: 'کالا دوباره فعال شد',
    });
    expect(res.status).toBe(200);
    await push();
    expect((await mahakOrder(order.orderSeq)).orders).toHaveLength(1);
    const [audit] = await auditOf(d.id);
    expect(audit).toMatchObject({ actor: expect.any(String), action: 'dispute.resend' });
    expect(JSON.parse(audit.after_json)).toMatchObject({
      note: 'کالا دوباره فعال شد',
      payload: { revision: 1 },
    });
  });

  it('product deleted: cancel the order releases its stock and cancels the outbox item', async () => {
    const g = env.goods[3];
    const order = await placeOrder(env.app.storage, [g], { personServerId: simCustomer(env.sim, 5) });
    env.sim.control.deleteProduct(g.productId);
    await push();
    const d = await openDisputeOf(order.orderId);
    expect(
      (await env.call('POST', `/admin/api/disputes/${d.id}/resolve`, { resolution: 'cancel_order' })).status,
    ).toBe(200);
    expect(await syncStatus(order.orderId)).toMatchObject({ status: 'cancelled' });
    const reservations = await env.app.storage.db.query<{ released_at: number | null }>(
      'SELECT released_at FROM stock_reservations WHERE order_id = ?',
      [order.orderId],
    );
    expect(reservations.every((r) => r.released_at !== null)).toBe(true);
    const [outbox] = await env.app.storage.db.query<{ state: string }>(
      'SELECT state FROM push_outbox WHERE order_id = ?',
      [order.orderId],
    );
    expect(outbox.state).toBe('cancelled');
    await push();
    expect((await mahakOrder(order.orderSeq)).orders).toHaveLength(0);
    expect((await auditOf(d.id))[0].action).toBe('dispute.cancel_order');
  });

  it("price changed under strict pricing: edit-and-resend takes Mahak's price", async () => {
    const g = env.goods[4];
    const all = (p: number) => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Price${i + 1}`, p]));
    env.sim.control.setPrices(g.variantId, all(g.price));
    env.sim.control.updateSettings({ strictPrices: true });
    try {
      const order = await placeOrder(env.app.storage, [g], {
        personServerId: simCustomer(env.sim, 6),
        quantity: 2,
      });
      const newPrice = g.price + 150_000;
      env.sim.control.setPrices(g.variantId, all(newPrice));
      await push();
      const d = await openDisputeOf(order.orderId);
      expect(d.reason).toBe('price_changed');
      expect(d.suggestedEdits).toEqual([{ kind: 'set_unit_price', lineIndex: 0, unitPrice: newPrice }]);
      expect(
        (await env.call('POST', `/admin/api/disputes/${d.id}/resolve`, { resolution: 'edit_and_resend' }))
          .status,
      ).toBe(200);
      await push();
      const inMahak = await mahakOrder(order.orderSeq);
      expect(inMahak.orders).toHaveLength(1);
      expect(inMahak.lines.map((l) => [l.Price, l.Count1])).toEqual([[newPrice, 2]]);
      const after = JSON.parse((await auditOf(d.id))[0].after_json);
      expect(after.changes.changes).toEqual([
        expect.objectContaining({ field: 'unitPrice', from: g.price, to: newPrice }),
      ]);
      expect(after.changes.totalsAfter.total).toBe(newPrice * 2);
    } finally {
      env.sim.control.updateSettings({ strictPrices: false });
    }
  });

  it('stock changed with negative stock disallowed: edit-and-resend lowers the quantity to what Mahak has', async () => {
    const g = env.goods[5];
    const order = await placeOrder(env.app.storage, [g], {
      personServerId: simCustomer(env.sim, 7),
      quantity: 5,
    });
    env.sim.control.setStock(g.variantId, 1, 2);
    await push();
    const d = await openDisputeOf(order.orderId);
    expect(d.reason).toBe('stock_changed');
    expect(d.suggestedEdits).toEqual([{ kind: 'set_quantity', lineIndex: 0, quantity: 2 }]);
    expect(
      (await env.call('POST', `/admin/api/disputes/${d.id}/resolve`, { resolution: 'edit_and_resend' }))
        .status,
    ).toBe(200);
    await push();
    const inMahak = await mahakOrder(order.orderSeq);
    expect(inMahak.lines.map((l) => l.Count1)).toEqual([2]);
    // The reservation follows the edit and, the order being in Mahak, carries its reflect point.
    const reservations = await env.app.storage.db.query<{
      quantity: number;
      reflect_after_rv: number | null;
    }>(
      'SELECT quantity, reflect_after_rv FROM stock_reservations WHERE order_id = ? AND released_at IS NULL',
      [order.orderId],
    );
    expect(reservations).toEqual([{ quantity: 2, reflect_after_rv: expect.any(Number) }]);
  });
});

describe('a configured person group Mahak does not have (SQLite, whole app)', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv();
    // Chosen in the desk before the first pull (the lists are not known yet, so it is taken).
    await env.app.settings.update({ mahakPersonGroupId: 999 }, { id: 'owner-1' });
  });
  afterAll(() => env.close());

  it('pauses pushing with one clear message (no invented id, no dispute per order) until staff choose a group', async () => {
    const orders = [
      await placeOrder(env.app.storage, env.goods.slice(0, 1), { newCustomer: true }),
      await placeOrder(env.app.storage, env.goods.slice(1, 2), { newCustomer: true }),
    ];
    await expect(env.app.push.worker.runOnce()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('person group'),
    });
    const list = await env.call<DisputeList>('GET', '/admin/api/disputes?status=open');
    expect(list.body.items).toHaveLength(0);
    const rows = await env.app.storage.db.query<{ attempts: number; state: string }>(
      'SELECT attempts, state FROM push_outbox',
    );
    expect(rows.every((r) => Number(r.attempts) === 0 && r.state === 'ready')).toBe(true);
    expect(env.sim.control.stats().requests.SaveAllData ?? 0).toBe(0);
    const runs = await env.app.storage.listRuns(5);
    expect(runs.find((r) => r.kind === 'push')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('999'),
    });

    // Staff choose a group Mahak has (the desk's settings): pushing resumes, both orders go.
    const group = env.sim.control.snapshot('PersonGroups').find((g) => g.Deleted !== true)!;
    await env.app.settings.update({ mahakPersonGroupId: group.PersonGroupId as number }, { id: 'owner-1' });
    await settle(env.app.push.worker);
    const books = env.sim.control.books();
    expect(books.People).toHaveLength(2);
    expect(books.People.every((p) => p.PersonGroupId === group.PersonGroupId)).toBe(true);
    expect(books.Orders).toHaveLength(orders.length);
  });

  it('answers 401 without a staff token', async () => {
    const res = await env.server.inject({ method: 'GET', url: '/admin/api/disputes' });
    expect(res.statusCode).toBe(401);
  });
});

describe('cancelling a disputed order tells the customer (notification port)', () => {
  it('sends the cancellation notice after the resolution commits', async () => {
    const { startPushEnv } = await import('./push-env.js');
    const { DisputeService } = await import('../../core/push/dispute-service.js');
    const { createSilentLogger } = await import('../../core/logging/pino-logger.js');
    const env = await startPushEnv();
    try {
      const notices: unknown[] = [];
      const disputes = new DisputeService({
        storage: env.storage,
        config: env.config,
        logger: createSilentLogger(),
        notifier: { orderCancelled: async (n) => void notices.push(n) },
      });
      const now = Date.now();
      await env.storage.db.run(
        'INSERT INTO customer_accounts (id, mobile, first_name, last_name, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ['acct-reza', '09351234567', 'رضا', 'محمدی', 'رضا محمدی', now, now],
      );
      const g = env.goods[0];
      const order = await placeOrder(env.storage, [g], {
        personServerId: simCustomer(env.sim, 2),
        customerId: 'acct-reza',
      });
      env.sim.control.deleteProduct(g.productId);
      await settle(env.worker);
      const [d] = await disputes.list({ status: 'open', limit: 10 });
      await disputes.resolve(d.id, { resolution: 'cancel_order' }, { id: 'staff-1', role: 'owner' });
      expect(notices).toEqual([
        { orderId: order.orderId, orderNumber: order.orderSeq, mobile: '09351234567', reason: 'staff' },
      ]);
    } finally {
      await env.close();
    }
  });
});
