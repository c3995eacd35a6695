import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disputeWorkbenchSchema,
  type ComparedRecord,
  type DisputeWorkbench,
} from '../../core/contracts/admin-disputes.js';
import type { DisputeList } from '../../core/contracts/admin.js';
import type { ErrorBody } from '../../core/errors.js';
import { startAdminEnv, type AdminEnv } from '../push/admin-env.js';
import { placeOrder, settle, simCustomer } from '../push/push-env.js';

/**
 * The dispute workbench through /admin/api: ours beside Mahak's CURRENT record (read now, not the copy
 * from when the dispute opened), the suggested edits, every resolution in the audit trail.
 */
describe('dispute workbench admin API (contract)', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv();
  });
  afterAll(() => env.close());

  async function disputeOf(orderId: string): Promise<string> {
    const list = await env.call<DisputeList>('GET', '/admin/api/disputes?status=open');
    const d = list.body.items.find((x) => x.orderId === orderId);
    expect(d, `a dispute for ${orderId}`).toBeDefined();
    return d!.id;
  }
  async function workbench(id: string, source = 'live'): Promise<DisputeWorkbench> {
    const res = await env.call('GET', `/admin/api/disputes/${id}/workbench?source=${source}`);
    expect(res.status).toBe(200);
    return disputeWorkbenchSchema.parse(res.body);
  }
  const fieldOf = (r: ComparedRecord, name: string) => r.fields.find((f) => f.field === name);

  it('product deleted: the deleted line differs, the kept one does not; restored at the desk, the live view follows', async () => {
    const [gone, kept] = env.goods.slice(0, 2);
    const order = await placeOrder(env.app.storage, [gone, kept], {
      personServerId: simCustomer(env.sim, 3),
    });
    env.sim.control.deleteProduct(gone.productId);
    await settle(env.app.push.worker);
    const id = await disputeOf(order.orderId);

    const wb = await workbench(id);
    expect(wb.comparison).toMatchObject({ source: 'live', liveError: null });
    const [first, second] = wb.comparison.records;
    expect(first).toMatchObject({ kind: 'line', lineIndex: 0, label: gone.name });
    expect(fieldOf(first, 'available')).toEqual({
      field: 'available',
      ours: true,
      mahak: false,
      differs: true,
      format: 'bool',
    });
    expect(fieldOf(second, 'available')).toMatchObject({ mahak: true, differs: false });
    // Mahak prices at the customer's level, which need not be the storefront's; it differs only if so.
    const price = fieldOf(second, 'unitPrice')!;
    expect(price).toMatchObject({ ours: kept.price, mahak: expect.any(Number), format: 'money' });
    expect(price.differs).toBe(price.mahak !== kept.price);
    expect(fieldOf(second, 'stock')).toMatchObject({ ours: 1, mahak: 100_000, differs: false });
    expect(wb.comparison.suggestedEdits).toEqual([{ kind: 'remove_line', lineIndex: 0 }]);
    expect(wb.audit).toEqual([]);

    env.sim.control.restoreProduct(gone.productId);
    const now = await workbench(id);
    expect(fieldOf(now.comparison.records[0], 'available')).toMatchObject({ mahak: true, differs: false });
    expect(now.comparison.suggestedEdits).toEqual([]);
    // The records captured when the dispute opened still say "deleted".
    const captured = await workbench(id, 'captured');
    expect(captured.comparison.source).toBe('captured');
    expect(fieldOf(captured.comparison.records[0], 'available')).toMatchObject({
      mahak: false,
      differs: true,
    });
  });

  it("price changed: Mahak's current price beside ours; resolving shows who, when, before and after", async () => {
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
      await settle(env.app.push.worker);
      const id = await disputeOf(order.orderId);
      const wb = await workbench(id);
      expect(fieldOf(wb.comparison.records[0], 'unitPrice')).toEqual({
        field: 'unitPrice',
        ours: g.price,
        mahak: newPrice,
        differs: true,
        format: 'money',
      });
      expect(wb.comparison.suggestedEdits).toEqual([
        { kind: 'set_unit_price', lineIndex: 0, unitPrice: newPrice },
      ]);

      const resolved = await env.call('POST', `/admin/api/disputes/${id}/resolve`, {
        resolution: 'edit_and_resend',
        edits: wb.comparison.suggestedEdits,
        note: 'قیمت محک پذیرفته شد',
      });
      expect(resolved.status).toBe(200);
      const after = await workbench(id);
      expect(after.dispute).toMatchObject({
        status: 'resolved',
        resolution: 'edit_and_resend',
        resolvedBy: expect.any(String),
      });
      expect(after.audit).toHaveLength(1);
      expect(after.audit[0]).toMatchObject({
        actorName: 'moradi',
        action: 'dispute.edit_and_resend',
        before: { reason: 'price_changed', status: 'open' },
        after: { note: 'قیمت محک پذیرفته شد', edits: wb.comparison.suggestedEdits },
      });
      expect(after.comparison.suggestedEdits).toEqual([]);
    } finally {
      env.sim.control.updateSettings({ strictPrices: false });
    }
  });

  it('refuses bad input with the documented error body; unknown disputes are 404', async () => {
    const bad = await env.call<ErrorBody>('GET', '/admin/api/disputes/x/workbench?source=guess');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', messageFa: 'ورودی نامعتبر است' });
    expect((await env.call('GET', '/admin/api/disputes/x/workbench?live=1')).status).toBe(400);
    const missing = await env.call<ErrorBody>('GET', '/admin/api/disputes/nope/workbench');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('Mahak not answering: the captured records are shown, with the reason', async () => {
    const g = env.goods[6];
    const order = await placeOrder(env.app.storage, [g], { personServerId: simCustomer(env.sim, 7) });
    env.sim.control.deleteProduct(g.productId);
    await settle(env.app.push.worker);
    const id = await disputeOf(order.orderId);
    env.sim.control.addFault({ kind: 'appError', operation: 'GetAllData' });
    try {
      const wb = await workbench(id);
      expect(wb.comparison.source).toBe('captured');
      expect(wb.comparison.liveError).toMatchObject({
        code: expect.stringMatching(/^MAHAK_/),
        messageFa: expect.any(String),
      });
      expect(fieldOf(wb.comparison.records[0], 'available')).toMatchObject({ mahak: false, differs: true });
    } finally {
      env.sim.control.clearFaults();
    }
  });
});
