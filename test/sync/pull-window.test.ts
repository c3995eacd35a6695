import { afterEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createHarness, type Harness } from './pull-harness.js';

/**
 * Issue 8, pull 1 and 4: the re-read window is in time, not in RowVersions. The simulator's counter is
 * busy (every write burns 50,000 RowVersions on tables we never see, as Mahak's desktop does), and a
 * desk edit stays invisible across two pulls, as a long transaction would.
 */
describe('the time window of the pull', () => {
  let sim: MahakSim;
  let h: Harness;
  let clock = Date.UTC(2025, 0, 1, 9);
  let previousStart: number | undefined;

  afterEach(async () => {
    await h?.close();
    await sim?.close();
    previousStart = undefined;
  });

  async function setUp(): Promise<void> {
    sim = await startMahakSim({ port: 0, products: 10, seed: 3 });
    sim.control.updateSettings({ rowVersionGap: 50_000 });
    h = await createHarness(sim.syncUrl, {}, () => clock);
  }

  /** One pull a minute; the window is measured from the previous pull's start (pull-window.ts). */
  async function pull(runId: string, windowMinutes: number, overlap = 1000) {
    const start = clock;
    const window = { ms: windowMinutes * 60_000, from: previousStart ?? start };
    const pages = await h.round({ pageSize: 100, overlap, runId, window });
    previousStart = start;
    clock += 60_000;
    return pages;
  }

  async function lateCommitScenario(windowMinutes: number): Promise<number> {
    await setUp();
    await pull('initial', windowMinutes);
    clock += 60 * 60_000;
    await pull('quiet', windowMinutes);
    const late = sim.control.late({ op: 'setPrices', detailId: 3, prices: { Price1: 7_770_000 } });
    sim.control.apply({ op: 'setPrices', detailId: 4, prices: { Price1: 8_880_000 } });
    await pull('passes-it', windowMinutes); // the checkpoint moves far past the invisible row
    await pull('still-invisible', windowMinutes);
    sim.control.releaseLate(late.lateId);
    await pull('after-commit', windowMinutes);
    const [row] = await h.storage.db.query<{ price1: number }>('SELECT price1 FROM variants WHERE id = 3');
    return Number(row.price1);
  }

  it('catches a row committed two pulls late, far below the checkpoint', async () => {
    expect(await lateCommitScenario(10)).toBe(7_770_000);
  });

  it('would lose it with only an overlap in RowVersions (the reason the window is in time)', async () => {
    expect(await lateCommitScenario(0)).not.toBe(7_770_000);
  });

  it('re-reads a bad record in every window, yet keeps one dead letter for it', async () => {
    await setUp();
    sim.control.updateProduct(2, { Weight: 'سنگین' }); // not a number: quarantined at the door
    for (const runId of ['a', 'b', 'c']) {
      await pull(runId, 10);
      sim.control.setPrices(5, { Price1: 1_000_000 + clock / 60_000 });
    }
    const letters = await h.storage.listDeadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ source: 'pull', kind: 'Products', payload: { ProductId: 2 } });
  });
});
