import { afterEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import type { Storage } from '../../core/store/storage.js';
import type { ReconcileReport } from '../../core/sync/pull-reconcile.js';
import type { SyncEngine } from '../../core/sync/sync-engine.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';
import { startEngineStack, type EngineStack } from './engine-stack.js';

/**
 * Issue 8, pull 1: the scheduled full reconciliation. What no incremental pull can see — a commit
 * later than the time window, a row that vanished without a Deleted version — is fixed by re-reading
 * every id, and reported. A read that misses most of an entity unpublishes nothing.
 */
describe('full reconciliation', () => {
  let sim: MahakSim;
  let stack: EngineStack | undefined;
  let storage: Storage;
  let engine: SyncEngine;

  afterEach(async () => {
    await stack?.close();
    await sim?.close();
  });

  async function setUp(): Promise<void> {
    sim = await startMahakSim({ port: 0, products: 30, seed: 8 });
    // No time window and no overlap: the incremental pull is as blind as it can be, so whatever it
    // misses stands for "later than any window".
    stack = await startEngineStack({
      syncUrl: sim.syncUrl,
      engine: { pageSize: 25, overlap: 0, windowMs: 0 },
    });
    ({ storage, engine } = stack);
  }

  const live = async (table: string, id: number) =>
    (
      await storage.db.query<{ deleted_at: number | null; price1?: number }>(
        `SELECT * FROM ${table} WHERE id = ?`,
        [id],
      )
    )[0];

  it('fetches a commit later than any window, unpublishes a vanished row and reports both', async () => {
    await setUp();
    await engine.pullNow();
    // A long transaction: its row takes its RowVersion now and shows after the pull has passed it.
    const late = sim.control.late({ op: 'setPrices', detailId: 4, prices: { Price1: 4_440_000 } });
    sim.control.apply({ op: 'setPrices', detailId: 5, prices: { Price1: 5_550_000 } });
    await engine.pullNow();
    sim.control.releaseLate(late.lateId);
    await engine.pullNow();
    expect(Number((await live('variants', 4)).price1)).not.toBe(4_440_000); // missed for good
    sim.control.vanish('Products', 7);
    await engine.pullNow();
    expect((await live('products', 7)).deleted_at).toBeNull(); // nothing told the pull

    const run = await engine.reconcileNow();
    expect(run.status).toBe('ok');
    const report = run.stats.reconcile as ReconcileReport;
    expect(Number((await live('variants', 4)).price1)).toBe(4_440_000);
    expect((await live('products', 7)).deleted_at).not.toBeNull();
    expect(report.entities.ProductDetails?.fetched).toBeGreaterThanOrEqual(1);
    expect(report.entities.Products).toMatchObject({ unseen: 1, unpublished: 1, heldBack: false });
    expect(report.heldBack).toEqual([]);
    expect(diffStates(await simState(sim.syncUrl), await storeState(storage))).toEqual([]);

    // A second reconciliation finds nothing left to fix.
    const again = (await engine.reconcileNow()).stats.reconcile as ReconcileReport;
    expect(again).toMatchObject({ fetched: 0, unpublished: 0, heldBack: [] });
  });

  it('a row unpublished by a reconciliation comes back when Mahak shows it again', async () => {
    await setUp();
    await engine.pullNow();
    sim.control.vanish('Products', 9);
    await engine.reconcileNow();
    expect((await live('products', 9)).deleted_at).not.toBeNull();
    // Mahak serves the row again at its old RowVersion (the vanish was a visibility glitch).
    sim.control.unvanish('Products', 9);
    await engine.reconcileNow();
    expect((await live('products', 9)).deleted_at).toBeNull();
  });

  it('holds back when Mahak suddenly returns little of an entity, and unpublishes nothing', async () => {
    await setUp();
    await engine.pullNow();
    for (let id = 1; id <= 25; id++) sim.control.vanish('Products', id);
    const report = (await engine.reconcileNow()).stats.reconcile as ReconcileReport;
    expect(report.heldBack).toEqual(['Products']);
    expect(report.entities.Products).toMatchObject({ unseen: 25, unpublished: 0, heldBack: true });
    const [gone] = await storage.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM products WHERE deleted_at IS NOT NULL',
    );
    expect(Number(gone.n)).toBe(0);
  });
});
