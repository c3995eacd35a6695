import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentRunSchema,
  previewResultSchema,
  runDetailSchema,
  runHistorySchema,
  syncRecordResultSchema,
  syncStartSchema,
  syncStatusSchema,
} from '../../core/contracts/admin-sync.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import type { AdminEnv } from '../push/admin-env.js';
import { expectContract, settle, startSyncDeskEnv } from './sync-desk-env.js';

type Body = Record<string, unknown>;

const stacks = [
  { name: 'sqlite', db: async () => ({ url: 'sqlite::memory:', drop: async () => {} }) },
  ...(hasPostgres ? [{ name: 'postgres', db: createTestPgDatabase }] : []),
];

describe.each(stacks)('desk sync API ($name)', ({ db }) => {
  let env: AdminEnv;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await db();
    drop = created.drop;
    env = await startSyncDeskEnv({ dbUrl: created.url });
  });
  afterAll(async () => {
    await env.close();
    await drop();
  });

  it('before the first sync: every entity pending, nothing pulled, push side empty', async () => {
    const res = await env.call('GET', '/admin/api/sync/status');
    expect(res.status).toBe(200);
    const status = expectContract(syncStatusSchema, res.body);
    expect(status).toMatchObject({ firstSync: true, state: 'pending', current: null });
    expect(status.entities).toHaveLength(14);
    expect(status.entities.every((e) => e.state === 'pending' && e.rows === 0 && e.checkpoint === null)).toBe(
      true,
    );
    expect(status.push).toMatchObject({ openDisputes: 0, deadLetters: 0, lastRun: null });
    expect(status.pull).toMatchObject({
      lastRun: null,
      lastSuccessAt: null,
      lagSeconds: null,
      lastError: null,
    });
  });

  it('previews the first sync without writing anything', async () => {
    const res = await env.call('POST', '/admin/api/sync/preview', {});
    expect(res.status).toBe(200);
    const preview = expectContract(previewResultSchema, res.body);
    expect(preview.firstSync).toBe(true);
    const products = preview.entities.find((e) => e.entity === 'Products')!;
    const visible = env.sim.control.snapshot('Products');
    expect(products.read).toBe(visible.length);
    expect(products.created).toBe(visible.filter((p) => p.Deleted !== true).length);
    expect(products.updated + products.unpublished).toBe(0);
    expect(products.samples.created.length).toBe(3);
    expect(products.samples.created[0].label).toMatch(/[\u0600-\u06FF]/);
    // Nothing written: no rows, no checkpoint, no page marker, no run.
    const count = async (table: string) =>
      Number((await env.app.storage.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    for (const table of ['products', 'variants', 'checkpoints', 'pull_pages', 'dead_letters', 'sync_runs'])
      expect(await count(table), table).toBe(0);
  });

  it('starts a pull, a second click joins it, and the run ends synced with its journal', async () => {
    const [first, second] = await Promise.all([
      env.call('POST', '/admin/api/sync/start'),
      env.call('POST', '/admin/api/sync/start', {}),
    ]);
    const a = expectContract(syncStartSchema, first.body);
    const b = expectContract(syncStartSchema, second.body);
    expect(a.runId).toBe(b.runId);
    expect([a.joined, b.joined].sort()).toEqual([false, true]);
    await settle(env);
    const current = expectContract(currentRunSchema, (await env.call('GET', '/admin/api/sync/current')).body);
    expect(current.run).toMatchObject({ runId: a.runId, phase: 'done', fraction: 1, error: null });
    const products = current.run!.entities.find((e) => e.entity === 'Products')!;
    const inMahak = env.sim.control.snapshot('Products').length;
    // Paging re-reads the rows sharing a page's highest RowVersion, so more are read than exist.
    expect(products.read).toBeGreaterThanOrEqual(inMahak);
    expect(products.applied).toBe(products.read);
    expect(products.changed).toBe(inMahak);
    expect(products.pagesApplied).toBe(products.pagesRead);
    expect(products.pagesRead).toBeGreaterThan(1);

    const status = expectContract(syncStatusSchema, (await env.call('GET', '/admin/api/sync/status')).body);
    expect(status.firstSync).toBe(false);
    expect(status.pull.lastRun).toMatchObject({ id: a.runId, status: 'ok', error: null });
    expect(status.pull.lagSeconds).toBeGreaterThanOrEqual(0);
    const productStatus = status.entities.find((e) => e.entity === 'Products')!;
    expect(productStatus).toMatchObject({ state: 'synced', rows: inMahak, deletedRows: 0 });
    expect(productStatus.checkpoint).toBeGreaterThan(0);
  });

  it('keeps the run in the history with its counts and log lines', async () => {
    const history = expectContract(
      runHistorySchema,
      (await env.call('GET', '/admin/api/sync/history?kind=pull')).body,
    );
    const run = history.items[0];
    expect(run).toMatchObject({ kind: 'pull', status: 'ok', scope: 'all', error: null });
    expect(run.read).toBeGreaterThan(0);
    expect(run.changed).toBeGreaterThan(0);
    expect(run.changed).toBeLessThanOrEqual(run.read);
    const detail = expectContract(
      runDetailSchema,
      (await env.call('GET', `/admin/api/sync/runs/${run.id}`)).body,
    );
    expect(detail.entities.map((e) => e.entity)).toContain('Products');
    const events = detail.log.map((l) => l.event);
    expect(events[0]).toBe('run_started');
    expect(events.at(-1)).toBe('run_finished');
    expect(events.filter((e) => e === 'entity_fetched')).toHaveLength(14);
  });

  let repriced = 0;
  it('previews an update and an unpublish after changes at the Mahak desk, still writing nothing', async () => {
    const [detail] = env.sim.control.snapshot('ProductDetails');
    repriced = detail.ProductDetailId as number;
    env.sim.control.setPrices(detail.ProductDetailId as number, { Price1: 1_234_000 });
    const gone = env.sim.control.snapshot('Products').find((p) => p.ProductId !== detail.ProductId)!;
    env.sim.control.deleteProduct(gone.ProductId as number);
    const before = await env.app.storage.getCheckpoints();
    const preview = expectContract(
      previewResultSchema,
      (await env.call('POST', '/admin/api/sync/preview', { entities: ['Products', 'ProductDetails'] })).body,
    );
    expect(preview.entities.map((e) => e.entity)).toEqual(['Products', 'ProductDetails']);
    const [products, details] = preview.entities;
    expect(products).toMatchObject({ unpublished: 1, created: 0 });
    expect(products.samples.unpublished[0]).toMatchObject({ id: gone.ProductId, label: gone.Name });
    expect(details.updated).toBeGreaterThanOrEqual(1);
    const sample = details.samples.updated.find((s) => s.id === detail.ProductDetailId)!;
    expect(sample.fields).toContain('Price1');
    expect(await env.app.storage.getCheckpoints()).toEqual(before);
  });

  it('syncs one record by its Mahak id through the monotonic path, then reports it unchanged', async () => {
    const detail = { ProductDetailId: repriced };
    const res = await env.call('POST', '/admin/api/sync/record', {
      entity: 'ProductDetails',
      id: detail.ProductDetailId,
    });
    expect(res.status).toBe(200);
    expect(expectContract(syncRecordResultSchema, res.body)).toMatchObject({
      outcome: 'applied',
      deleted: false,
    });
    const row = await env.app.storage.db.query<{ price1: number }>(
      'SELECT price1 FROM variants WHERE id = ?',
      [detail.ProductDetailId],
    );
    expect(Number(row[0].price1)).toBe(1_234_000);
    const again = await env.call<Body>('POST', '/admin/api/sync/record', {
      entity: 'ProductDetails',
      id: detail.ProductDetailId,
    });
    expect(again.body.outcome).toBe('unchanged');
    const missing = await env.call<Body>('POST', '/admin/api/sync/record', {
      entity: 'Products',
      id: 999_999,
    });
    expect(missing.body).toMatchObject({ outcome: 'missing', rowVersion: null });
    const history = expectContract(runHistorySchema, (await env.call('GET', '/admin/api/sync/history')).body);
    expect(history.items[0].scope).toBe('record:Products:999999');
  });

  it('the probe sees Mahak ahead of us; an entity pull catches up and only that entity runs', async () => {
    const status = expectContract(
      syncStatusSchema,
      (await env.call('GET', '/admin/api/sync/status?probe=true')).body,
    );
    const products = status.entities.find((e) => e.entity === 'Products')!;
    expect(products).toMatchObject({ mahakHasNewer: true, state: 'pending' });
    expect(status.mahak.error).toBeNull();
    const start = expectContract(
      syncStartSchema,
      (await env.call('POST', '/admin/api/sync/start', { entity: 'Products' })).body,
    );
    expect(start.run.scope).toEqual({ kind: 'entity', entity: 'Products' });
    await settle(env);
    const detail = expectContract(
      runDetailSchema,
      (await env.call('GET', `/admin/api/sync/runs/${start.runId}`)).body,
    );
    expect(detail.run.scope).toBe('entity:Products');
    expect(detail.entities.map((e) => e.entity)).toEqual(['Products']);
  });
});

describe('desk sync API: bad input and auth', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startSyncDeskEnv();
  });
  afterAll(() => env.close());

  it.each([
    ['POST', '/admin/api/sync/start', { entity: 'Invoices' }, 'body', 'entity'],
    ['POST', '/admin/api/sync/start', { everything: true }, 'body', 'everything'],
    ['POST', '/admin/api/sync/record', { entity: 'Products' }, 'body', 'id'],
    ['POST', '/admin/api/sync/record', { entity: 'Products', id: -3 }, 'body', 'id'],
    ['POST', '/admin/api/sync/preview', { entities: [] }, 'body', 'entities'],
    ['GET', '/admin/api/sync/history?limit=0', undefined, 'querystring', 'limit'],
    ['GET', '/admin/api/sync/history?status=lost', undefined, 'querystring', 'status'],
    ['GET', '/admin/api/sync/status?probe=maybe', undefined, 'querystring', 'probe'],
  ] as const)('%s %s %j -> 400 naming %s.%s', async (method, url, body, part, field) => {
    const res = await env.call<{ error: { code: string; messageFa: string; details: { fields: Body[] } } }>(
      method,
      url,
      body,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.messageFa).toBe('ورودی نامعتبر است');
    expect(res.body.error.details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: part, field })]),
    );
  });

  it('an unknown run is 404; no sign-in is 401, the event stream included', async () => {
    expect((await env.call('GET', '/admin/api/sync/runs/nope')).status).toBe(404);
    for (const url of ['/admin/api/sync/status', '/admin/api/sync/events', '/admin/api/sync/current']) {
      const res = await env.server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('lists every desk sync route in the OpenAPI document', async () => {
    const res = await env.server.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/admin/api/sync/status',
        '/admin/api/sync/current',
        '/admin/api/sync/events',
        '/admin/api/sync/start',
        '/admin/api/sync/record',
        '/admin/api/sync/preview',
        '/admin/api/sync/history',
        '/admin/api/sync/runs/{id}',
      ]),
    );
  });
});

describe('desk sync API: a failed pull explains itself', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startSyncDeskEnv({ overrides: { mahakPassword: 'not-the-password' } });
  });
  afterAll(() => env.close());

  it('wrong password: the run fails with the translated error and the fix, in history and status', async () => {
    const start = await env.call<Body>('POST', '/admin/api/sync/start');
    expect(start.status).toBe(200);
    await settle(env);
    const history = expectContract(runHistorySchema, (await env.call('GET', '/admin/api/sync/history')).body);
    expect(history.items[0]).toMatchObject({ status: 'failed', error: { kind: 'mahak_wrong_password' } });
    expect(history.items[0].error!.hintFa).toMatch(/تنظیمات/);
    expect(history.items[0].error!.detail).toBe('نام کاربری یا رمز عبور اشتباه است');
    const detail = expectContract(
      runDetailSchema,
      (await env.call('GET', `/admin/api/sync/runs/${history.items[0].id}`)).body,
    );
    expect(detail.log.at(-1)).toMatchObject({
      level: 'error',
      event: 'run_failed',
      data: { kind: 'mahak_wrong_password' },
    });
    const status = expectContract(
      syncStatusSchema,
      (await env.call('GET', '/admin/api/sync/status?probe=true')).body,
    );
    expect(status.state).toBe('needs_action');
    expect(status.pull.lastError?.kind).toBe('mahak_wrong_password');
    expect(status.mahak.error).toBeNull(); // nothing pulled yet: nothing to probe
  });

  it('a one-record sync against a refusing Mahak answers the error code with the advice', async () => {
    const res = await env.call<{ error: { code: string; details: { advice: Body } } }>(
      'POST',
      '/admin/api/sync/record',
      { entity: 'Products', id: 1 },
    );
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('MAHAK_AUTH_FAILED');
    expect(res.body.error.details.advice).toMatchObject({ kind: 'mahak_wrong_password' });
  });
});
