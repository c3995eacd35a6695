import { afterEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim, type SimSettings } from '../../core/mahak-sim/index.js';
import { diffStates, simState, storeState } from '../support/sim-referee.js';
import { createHarness, type Harness } from './pull-harness.js';

/**
 * Issue 8, pull 2: Mahak's paging semantics are unknown (API.md §6). Whatever the simulator's paging
 * quirk, the store must end up equal to Mahak, and a page that breaks the contract (rows above the
 * cursor, ascending, at most pageSize) must be noticed and read again without pageSize.
 */
describe('the pull survives Mahak paging differently from what we guessed', () => {
  let sim: MahakSim;
  let h: Harness;

  afterEach(async () => {
    await h?.close();
    await sim?.close();
  });

  async function pullWith(quirks: Partial<SimSettings>, pageSize = 10) {
    sim = await startMahakSim({ port: 0, products: 30, seed: 8 });
    // Staff edits give some low ids high RowVersions, so "by id" and "by RowVersion" differ.
    for (const detailId of [2, 3, 17]) sim.control.setPrices(detailId, { Price1: 1_230_000 + detailId });
    sim.control.setStock(5, 1, 9);
    h = await createHarness(sim.syncUrl);
    sim.control.updateSettings(quirks);
    await h.round({ pageSize, overlap: 0, runId: 'r1' });
    // The referee reads with honest paging.
    sim.control.updateSettings({
      pageSizeHonoured: true,
      pageOrder: 'rowVersion',
      pageRowCap: 0,
      cursorMode: 'exclusive',
    });
    return diffStates(await simState(sim.syncUrl), await storeState(h.storage));
  }

  it('a server page limit below our pageSize: a short page is not taken for the last', async () => {
    expect(await pullWith({ pageRowCap: 7 }, 20)).toEqual([]);
    expect(h.lastFetch?.pagingFallbacks).toBeUndefined();
  });

  it('rows picked by id, not RowVersion: detected as unsorted, read again without pageSize', async () => {
    expect(await pullWith({ pageOrder: 'id' })).toEqual([]);
    expect(h.lastFetch?.pagingFallbacks?.ProductDetails).toContain('unsorted');
  });

  it('pageSize ignored: detected, and the large answer still travels in pages of pageSize rows', async () => {
    sim = await startMahakSim({ port: 0, products: 30, seed: 8 });
    h = await createHarness(sim.syncUrl);
    sim.control.updateSettings({ pageSizeHonoured: false, defaultPageLimit: 25 });
    const pages = await h.round({ pageSize: 10, overlap: 0, runId: 'r1' });
    expect(h.lastFetch?.pagingFallbacks?.Products).toEqual(['overPageSize']);
    expect(Math.max(...pages.map((p) => p.records.length))).toBeLessThanOrEqual(10);
    sim.control.updateSettings({ pageSizeHonoured: true, defaultPageLimit: 50_000 });
    expect(diffStates(await simState(sim.syncUrl), await storeState(h.storage))).toEqual([]);
  });

  it('rows shuffled inside a page: detected, nothing lost', async () => {
    expect(await pullWith({ pageOrder: 'shuffled' })).toEqual([]);
    expect(h.lastFetch?.pagingFallbacks?.Products).toContain('unsorted');
  });

  it('the cursor ignored: detected (rows below it), read once without pageSize', async () => {
    expect(await pullWith({ cursorMode: 'ignored' })).toEqual([]);
    expect(h.lastFetch?.pagingFallbacks?.Products).toContain('belowCursor');
  });

  it('an inclusive cursor (>=) is harmless and no breach', async () => {
    expect(await pullWith({ cursorMode: 'inclusive' })).toEqual([]);
    expect(h.lastFetch?.pagingFallbacks).toBeUndefined();
  });
});
