import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterList, DeadLetterRetry, OutboxSummary } from '../../core/contracts/admin.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';
import { placeOrder, settle, simCustomer } from './push-env.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Invariant 6 through the admin API: what failed for good is listed, and can be retried or discarded. */
describe('dead letters through the admin API (SQLite, whole app)', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv({ overrides: { pushMaxAttempts: 2 } });
  });
  afterAll(() => env.close());

  async function untilState(orderId: string, state: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await env.app.push.worker.runOnce();
      const [row] = await env.app.storage.db.query<{ state: string }>(
        'SELECT state FROM push_outbox WHERE order_id = ?',
        [orderId],
      );
      if (row?.state === state) return;
      await sleep(50);
    }
    throw new Error(`outbox item of ${orderId} never became ${state}`);
  }

  it('an order Mahak keeps refusing without a reason goes to the dead letters, and a retry sends it once', async () => {
    env.sim.control.addFault({ kind: 'appError', operation: 'SaveAllData' });
    const order = await placeOrder(env.app.storage, env.goods.slice(0, 2), {
      personServerId: simCustomer(env.sim, 2),
    });
    await untilState(order.orderId, 'dead');
    env.sim.control.clearFaults();

    const outbox = await env.call<OutboxSummary>('GET', '/admin/api/outbox');
    expect(outbox.body.counts.dead).toBe(1);
    expect(outbox.body.recent[0]).toMatchObject({ orderId: order.orderId, state: 'dead', attempts: 2 });
    const list = await env.call<DeadLetterList>('GET', '/admin/api/dead-letters');
    const letter = list.body.items.find((l) => l.source === 'push')!;
    expect(letter).toMatchObject({ kind: 'order', retryable: true, attempts: 2 });
    expect(letter.history.length).toBeGreaterThanOrEqual(2);
    expect((letter.payload as { orderId: string }).orderId).toBe(order.orderId);
    const [failed] = await env.app.storage.db.query<{ sync_status: string }>(
      'SELECT sync_status FROM orders WHERE id = ?',
      [order.orderId],
    );
    expect(failed.sync_status).toBe('failed');

    const retried = await env.call<DeadLetterRetry>('POST', `/admin/api/dead-letters/${letter.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ requeuedTo: 'outbox' });
    await settle(env.app.push.worker);
    const books = env.sim.control.books();
    expect(books.Orders).toHaveLength(1);
    const [sent] = await env.app.storage.db.query<{ sync_status: string; mahak_order_id: number }>(
      'SELECT sync_status, mahak_order_id FROM orders WHERE id = ?',
      [order.orderId],
    );
    expect(sent).toEqual({ sync_status: 'sent', mahak_order_id: books.Orders[0].OrderId });
    expect(
      (await env.call<DeadLetterList>('GET', '/admin/api/dead-letters')).body.items.filter(
        (l) => l.source === 'push',
      ),
    ).toHaveLength(0);
    const audit = await env.app.storage.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE target_type = 'dead_letter' AND target_id = ?",
      [String(letter.id)],
    );
    expect(audit).toEqual([{ action: 'dead_letter.retry' }]);
  });

  it('a pull page that died on the queue goes back on its topic and is applied', async () => {
    const page = {
      runId: 'dead-letter-test',
      seq: 0,
      entity: 'Stores',
      records: [{ StoreId: 9001, StoreCode: 91, Name: 'انبار شعبه کرج', Deleted: false, RowVersion: 7 }],
      checkpoint: 0,
    };
    const id = await env.app.storage.addDeadLetter({
      source: 'queue',
      kind: 'pull.pages',
      payload: page,
      reason: 'database was down',
      attempts: 5,
    });
    const retried = await env.call<DeadLetterRetry>('POST', `/admin/api/dead-letters/${id}/retry`);
    expect(retried.body).toEqual({ id, requeuedTo: 'queue', target: 'pull.pages' });
    const deadline = Date.now() + 10_000;
    let rows: unknown[] = [];
    while (Date.now() < deadline && rows.length === 0) {
      rows = await env.app.storage.db.query('SELECT name FROM stores WHERE id = 9001');
      await sleep(50);
    }
    expect(rows).toEqual([{ name: 'انبار شعبه کرج' }]);
  });

  it('a quarantined Mahak record cannot be retried, only discarded (audited)', async () => {
    const id = await env.app.storage.addDeadLetter({
      source: 'pull',
      kind: 'Products',
      payload: { ProductId: 'x' },
      reason: 'ProductId: expected number',
      attempts: 1,
    });
    const retry = await env.call<{ error: { code: string } }>('POST', `/admin/api/dead-letters/${id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('CONFLICT');
    const discard = await env.call('DELETE', `/admin/api/dead-letters/${id}`);
    expect(discard.status).toBe(204);
    expect(await env.app.storage.getDeadLetter(id)).toBeUndefined();
    const [audit] = await env.app.storage.db.query<{ action: string; before_json: string }>(
      "SELECT action, before_json FROM audit_log WHERE target_type = 'dead_letter' AND target_id = ?",
      [String(id)],
    );
    expect(audit.action).toBe('dead_letter.discard');
    expect(JSON.parse(audit.before_json)).toMatchObject({ source: 'pull', kind: 'Products' });
    expect((await env.call('DELETE', `/admin/api/dead-letters/${id}`)).status).toBe(404);
  });
});
