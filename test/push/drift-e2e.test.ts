import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { DriftCheck, type DriftReport } from '../../core/push/drift-check.js';
import type { DriftMahak } from '../../core/push/push-ports.js';
import type { MahakSim } from '../../core/mahak-sim/index.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';
import { placeOrder, settle, simCustomer } from './push-env.js';

const cli = fileURLToPath(new URL('../../core/cli.ts', import.meta.url));

type ProductRow = { id: number; row_version: number; name: string; deleted_at: number | null };

/**
 * A Mahak that LISTS mismatches but does not re-queue them (what SolveDispute really does is unknown,
 * API.md §5.1): answers from the simulator's current rows without touching them. GetAllData and the
 * rest are the real simulator through the real client.
 */
function listingOnlyMahak(env: AdminEnv): DriftMahak {
  const real = env.app.mahak;
  return {
    session: () => real.session(),
    getAllData: (r) => real.getAllData(r),
    saveAllData: (r) => real.saveAllData(r),
    solveOrderDispute: (items) => real.solveOrderDispute(items),
    solveDispute: async (entityName, items) => {
      if (entityName !== 'product') return { Mismatches: [] };
      const rows = new Map(env.sim.control.snapshot('Products').map((r) => [r.ProductId as number, r]));
      const Mismatches = items.flatMap(({ id, rw }) => {
        const row = rows.get(id);
        if (!row) return [{ Id: id, RowVersion: 0, Deleted: true, Exists: false }];
        return row.RowVersion !== rw
          ? [{ Id: id, RowVersion: row.RowVersion, Deleted: row.Deleted === true, Exists: true }]
          : [];
      });
      return { EntityName: 'Product', Mismatches };
    },
  };
}

describe('drift check (SQLite, whole app)', () => {
  let env: AdminEnv;
  let sim: MahakSim;
  const products = () =>
    env.app.storage.db.query<ProductRow>(
      'SELECT id, row_version, name, deleted_at FROM products WHERE deleted_at IS NULL ORDER BY row_version',
    );
  beforeAll(async () => {
    // No time window: the re-pull must not repair what the drift check's own re-read is tested on.
    env = await startAdminEnv({ overrides: { pullWindowMinutes: 0 } });
    sim = env.sim;
    const run = await env.app.engine.pullNow();
    expect(run.status).toBe('ok');
  });
  afterAll(() => env.close());

  it('repairs rows Mahak re-queues (SolveDispute bumps them) and deletes a row Mahak does not have', async () => {
    const [a, b] = await products();
    await env.app.storage.db.run(
      "UPDATE products SET row_version = row_version - 1, name = 'دستکاری شده' WHERE id IN (?, ?)",
      [a.id, b.id],
    );
    await env.app.storage.db.run(
      "INSERT INTO products (id, row_version, name, search_text, raw) VALUES (987654, 5, 'کالای ناشناس', '', '{}')",
    );
    const order = await placeOrder(env.app.storage, env.goods.slice(0, 1), {
      personServerId: simCustomer(sim, 1),
    });
    await settle(env.app.push.worker);

    const res = await env.call<{ outcome: string; run: { status: string; stats: DriftReport } }>(
      'POST',
      '/admin/api/sync/drift',
    );
    expect(res.status).toBe(200);
    const report = res.body.run.stats;
    expect(report.entities.Products).toMatchObject({ mismatched: 3, goneInMahak: [987654], unrepaired: [] });
    expect(report.entities.Products!.repaired.sort()).toEqual([a.id, b.id].sort());
    expect(report.entities.Products!.via).toEqual(['requeue']);
    expect(report.orders).toEqual({ checked: 1, missing: [], deleted: [] });
    const after = new Map((await products()).map((p) => [p.id, p]));
    expect(after.get(a.id)!.name).toBe(sim.control.row('Products', a.id)!.Name);
    const [gone] = await env.app.storage.db.query<ProductRow>(
      'SELECT deleted_at FROM products WHERE id = 987654',
    );
    expect(gone.deleted_at).not.toBeNull();
    expect(report.entities.ProductDetails).toMatchObject({ mismatched: 0 });
    const [orderRow] = await env.app.storage.db.query<{ sync_status: string }>(
      'SELECT sync_status FROM orders WHERE id = ?',
      [order.orderId],
    );
    expect(orderRow.sync_status).toBe('sent');
    const runs = await env.call<{ items: { kind: string }[] }>('GET', '/admin/api/sync/runs');
    expect(runs.body.items.map((r) => r.kind)).toEqual(expect.arrayContaining(['drift', 'pull', 'push']));
  });

  it('reads again, from below their RowVersion, rows Mahak lists but does not re-queue (ours older or "newer")', async () => {
    const [older, newer] = await products();
    const mahakRv = (id: number) => sim.control.row('Products', id)!.RowVersion as number;
    await env.app.storage.db.run("UPDATE products SET row_version = 3, name = 'قدیمی' WHERE id = ?", [
      older.id,
    ]);
    await env.app.storage.db.run("UPDATE products SET row_version = ?, name = 'خراب' WHERE id = ?", [
      mahakRv(newer.id) + 10_000_000,
      newer.id,
    ]);
    const check = new DriftCheck({
      storage: env.app.storage,
      queue: env.app.queue,
      mahak: listingOnlyMahak(env),
      config: env.app.config,
      logger: createSilentLogger(),
      metrics: env.app.metrics,
      events: env.app.engine.events,
      puller: env.app.engine,
      entities: ['Products'],
    });
    const run = await check.runOnce();
    const report = run.stats as unknown as DriftReport;
    expect(report.entities.Products).toMatchObject({ mismatched: 2, unrepaired: [], via: ['reread'] });
    const after = new Map((await products()).map((p) => [p.id, p]));
    for (const p of [older, newer]) {
      expect(after.get(p.id)).toMatchObject({
        row_version: mahakRv(p.id),
        name: sim.control.row('Products', p.id)!.Name,
      });
    }
  });
});

describe('hamgam drift (CLI, child process)', () => {
  let dir: string;
  let env: AdminEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-drift-'));
    env = await startAdminEnv({ dbUrl: `sqlite:${join(dir, 'store.db')}` });
    await env.app.engine.pullNow();
    const [p] = await env.app.storage.db.query<{ id: number }>('SELECT id FROM products ORDER BY id LIMIT 1');
    await env.app.storage.db.run('UPDATE products SET row_version = row_version - 1 WHERE id = ?', [p.id]);
  });
  afterAll(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the report as JSON and exits 0 when everything was repaired', { timeout: 60_000 }, async () => {
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'drift', '--json'], {
        env: {
          ...process.env,
          HAMGAM_DB: `sqlite:${join(dir, 'store.db')}`,
          HAMGAM_MAHAK_URL: env.sim.syncUrl,
          HAMGAM_STORE_ID: '1',
          HAMGAM_LOG_LEVEL: 'silent',
          HAMGAM_JWT_SECRET: 'a-test-secret-of-32-characters!!',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.resume();
      child.once('exit', (c) => resolve({ code: c, out }));
    });
    expect(code).toBe(0);
    const report = JSON.parse(out) as DriftReport;
    expect(report.entities.Products).toMatchObject({ mismatched: 1, unrepaired: [] });
    expect(report.entities.Products!.repaired).toHaveLength(1);
  });
});
