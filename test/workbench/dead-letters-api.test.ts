import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deadLetterListSchema,
  deadLetterRetryAllSchema,
  deadLetterSchema,
  type DeadLetterList,
  type DeadLetterRetryAll,
} from '../../core/contracts/admin-dead-letters.js';
import type { ErrorBody } from '../../core/errors.js';
import { startAdminEnv, type AdminEnv } from '../push/admin-env.js';
import { placeOrder, settle, simCustomer } from '../push/push-env.js';

/** Dead letters through /admin/api with app.inject(): filters, paging, retry-all, and input refused. */
describe('dead letters admin API (contract)', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv({ overrides: { pushMaxAttempts: 1 } });
  });
  afterAll(() => env.close());

  const auditCount = async () =>
    Number((await env.app.storage.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
  const letterCount = async () =>
    Number((await env.app.storage.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM dead_letters'))[0].n);

  it.each([
    ['limit=0'],
    ['source=mahak'],
    ['from=yesterday'],
    ['from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z'],
    ['offset=-1'],
    ['colour=red'],
    [`q=${'x'.repeat(201)}`],
  ])('GET /admin/api/dead-letters?%s is refused with VALIDATION_FAILED', async (query) => {
    const res = await env.call<ErrorBody>('GET', `/admin/api/dead-letters?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', messageFa: expect.any(String) });
    expect((res.body.error.details as { fields: { in: string }[] }).fields[0].in).toBe('querystring');
  });

  it('retry-all: puts back every retryable letter, reports the ones that cannot go back, skips pull records; all audited', async () => {
    env.sim.control.addFault({ kind: 'appError', operation: 'SaveAllData' });
    const orders = [
      await placeOrder(env.app.storage, env.goods.slice(0, 1), { personServerId: simCustomer(env.sim, 1) }),
      await placeOrder(env.app.storage, env.goods.slice(1, 2), { personServerId: simCustomer(env.sim, 2) }),
    ];
    await settle(env.app.push.worker);
    env.sim.control.clearFaults();
    await env.app.storage.addDeadLetter({
      source: 'pull',
      kind: 'ProductDetails',
      payload: { ProductDetailId: 5 },
      reason: 'Price1: مقدار منفی',
      attempts: 1,
    });
    const orphan = await env.app.storage.addDeadLetter({
      source: 'push',
      kind: 'order',
      payload: { outboxId: 'gone', orderId: 'W-gone' },
      reason: 'unknown failure after 1 attempts',
      attempts: 1,
    });

    const list = await env.call<DeadLetterList>('GET', '/admin/api/dead-letters?source=push&limit=2');
    expect(list.status).toBe(200);
    const parsed = deadLetterListSchema.parse(list.body);
    expect(parsed).toMatchObject({ total: 3, retryable: 3 });
    expect(parsed.items.map((l) => l.id)).toEqual([orphan, parsed.items[1].id]);
    expect(parsed.groups).toEqual([
      { source: 'pull', kind: 'ProductDetails', count: 1 },
      { source: 'push', kind: 'order', count: 3 },
    ]);
    const one = await env.call('GET', `/admin/api/dead-letters/${parsed.items[1].id}`);
    expect(deadLetterSchema.parse(one.body).history.length).toBeGreaterThanOrEqual(1);

    const before = await auditCount();
    const res = await env.call<DeadLetterRetryAll>('POST', '/admin/api/dead-letters/retry-all', {});
    expect(res.status).toBe(200);
    const all = deadLetterRetryAllSchema.parse(res.body);
    expect(all).toMatchObject({ matched: 4, skipped: 1, more: false });
    expect(all.retried.map((r) => r.requeuedTo)).toEqual(['outbox', 'outbox']);
    expect(all.failed).toEqual([
      { id: orphan, code: 'NOT_FOUND', message: expect.any(String), messageFa: expect.any(String) },
    ]);
    expect(await auditCount()).toBe(before + 3); // two retries and the summary
    const [summary] = await env.app.storage.db.query<{ after_json: string }>(
      "SELECT after_json FROM audit_log WHERE action = 'dead_letter.retry_all'",
    );
    expect(JSON.parse(summary.after_json)).toMatchObject({ failed: [orphan] });

    await settle(env.app.push.worker);
    const states = await env.app.storage.db.query<{ sync_status: string }>(
      `SELECT sync_status FROM orders WHERE id IN (?, ?)`,
      orders.map((o) => o.orderId),
    );
    expect(states.map((s) => s.sync_status)).toEqual(['sent', 'sent']);
    const left = deadLetterListSchema.parse((await env.call('GET', '/admin/api/dead-letters')).body);
    expect(left.items.map((l) => l.source).sort()).toEqual(['pull', 'push']);
  });

  it('retry-all refuses a bad filter and changes nothing', async () => {
    const [letters, audit] = [await letterCount(), await auditCount()];
    for (const body of [{ source: 'mahak' }, { colour: 'red' }, { from: 'دیروز' }]) {
      const res = await env.call<ErrorBody>('POST', '/admin/api/dead-letters/retry-all', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect([await letterCount(), await auditCount()]).toEqual([letters, audit]);
  });

  it('retry-all with a filter only touches what matches; a bad id is 400, an unknown one 404', async () => {
    const res = await env.call<DeadLetterRetryAll>('POST', '/admin/api/dead-letters/retry-all', {
      source: 'pull',
    });
    expect(res.body).toMatchObject({ matched: 1, skipped: 1, retried: [], failed: [] });
    expect((await env.call('GET', '/admin/api/dead-letters/abc')).status).toBe(400);
    expect((await env.call<ErrorBody>('GET', '/admin/api/dead-letters/999999')).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect((await env.call('POST', '/admin/api/dead-letters/0/retry')).status).toBe(400);
  });

  it('needs a staff sign-in', async () => {
    const res = await env.server.inject({
      method: 'POST',
      url: '/admin/api/dead-letters/retry-all',
      payload: {},
    });
    expect(res.statusCode).toBe(401);
  });
});
