import { describe, expect, it } from 'vitest';
import { startMahakSim } from '../../core/mahak-sim/index.js';
import { createHarness } from './pull-harness.js';

/**
 * A row written in a long Mahak transaction appears after rows with higher RowVersions were already
 * pulled. The overlap re-read below the checkpoint (invariant 1) must pick it up.
 */
describe('a late-committed row', () => {
  async function scenario(overlap: number): Promise<{ stored: number; late: number }> {
    const sim = await startMahakSim({ port: 0, products: 10, seed: 3 });
    const h = await createHarness(sim.syncUrl);
    try {
      await h.round({ pageSize: 100, overlap, runId: 'initial' });
      const late = sim.control.late({ op: 'setPrices', detailId: 3, prices: { Price1: 7_770_000 } });
      sim.control.apply({ op: 'setPrices', detailId: 4, prices: { Price1: 8_880_000 } });
      await h.round({ pageSize: 100, overlap, runId: 'before-commit' });
      sim.control.releaseLate(late.lateId);
      await h.round({ pageSize: 100, overlap, runId: 'after-commit' });
      const [row] = await h.storage.db.query<{ price1: number }>('SELECT price1 FROM variants WHERE id = 3');
      return { stored: Number(row.price1), late: late.written[0].rowVersion };
    } finally {
      await h.close();
      await sim.close();
    }
  }

  it('is pulled on the next run thanks to the overlap window', async () => {
    expect((await scenario(1000)).stored).toBe(7_770_000);
  });

  it('would be lost without the overlap (the reason the window exists)', async () => {
    expect((await scenario(0)).stored).not.toBe(7_770_000);
  });
});
