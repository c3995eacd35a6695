import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBooks } from '../../bench/chaos/chaos-books.js';
import { compareCatalogue } from '../../bench/chaos/chaos-referee.js';
import { runChaos } from '../../bench/chaos/run-chaos.js';
import { SimRemote } from '../../bench/chaos/sim-remote.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { placeOrder, stockedGoods } from '../push/push-env.js';

/**
 * The chaos runner itself (bench/chaos, `npm run chaos`): one small round on SQLite, so CI proves the
 * runner still drives the real CLI, kills it, and judges the result. The full runs and their figures
 * are in docs/reliability.md.
 */
describe('chaos runner', () => {
  it(
    'runs a small round with kills on SQLite and finds the store equal to Mahak',
    // About 100 s at load 11: every kill restarts the real CLI, a cold tsx start each time (20 s and
    // more when the suite's other files share the two cores); it ran past 240 s at load 16.
    { timeout: 600_000 },
    async () => {
      const lines: string[] = [];
      const [report] = await runChaos({
        rounds: 1,
        products: 1000,
        orders: 40,
        stacks: ['sqlite'],
        seed: 11,
        kills: 1,
        faultRate: 0.1,
        serviceRestarts: false,
        log: (line) => lines.push(line),
      });
      expect(report.problems, lines.join('\n')).toEqual([]);
      expect(report.pull.kills).toBe(1);
      expect(report.push.kills).toBe(1);
      // Every catalogue row was compared, not a page of them: 1,000 products are ~13,000 rows.
      expect(report.rowsCompared).toBeGreaterThan(10_000);
      expect(report.invoices).toBe(40);
      expect(lines.some((l) => l.includes('OK seed'))).toBe(true);
    },
  );

  // The referee must be able to say no: an empty store and an order never sent are both caught.
  describe('its referee', () => {
    let sim: MahakSim;
    let storage: Storage;
    beforeAll(async () => {
      sim = await startMahakSim({ products: 30, seed: 5 });
      storage = createStorage('sqlite::memory:', createSilentLogger());
      await storage.init();
    });
    afterAll(async () => {
      await storage.close();
      await sim.close();
    });

    it('reports every row the store lacks', async () => {
      const { problems } = await compareCatalogue(sim.syncUrl, storage);
      // It stops listing at 50: enough to say what is wrong.
      expect(problems).toHaveLength(50);
      expect(problems[0]).toMatch(/missing in store/);
    });

    it('reports an order that never reached Mahak', async () => {
      const placed = [await placeOrder(storage, stockedGoods(sim, 1), { personServerId: 1 })];
      const { invoices, problems } = await checkBooks(storage, new SimRemote(sim.origin), placed);
      expect(invoices).toBe(0);
      expect(problems).toEqual(
        expect.arrayContaining([
          'Mahak holds 0 invoices for 1 orders',
          expect.stringMatching(/0 invoices in Mahak/),
          '1 outbox rows ready',
        ]),
      );
    });
  });
});
