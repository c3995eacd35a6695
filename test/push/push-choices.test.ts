import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import type { ConfigInput } from '../../core/config/config-schema.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import {
  resolveBankChoice,
  resolvePersonGroupChoice,
  resolveStoreChoice,
} from '../../core/push/push-choices.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { currentPause } from '../../core/push/push-pause.js';
import { createHarness } from '../sync/pull-harness.js';
import { placeOrder, settle, simCustomer, startPushEnv, testMahakClient } from './push-env.js';
import type { MahakClient } from '../../core/mahak/mahak-client.js';

/**
 * Issue 8, item 10: store, person group and the payment's bank come from Mahak's lists, by id, by code
 * or the documented default.
 */
describe('the Mahak ids the push puts on what it creates', () => {
  let sim: MahakSim;
  let storage: Storage;
  let mahak: MahakClient;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 10, seed: 1412 });
    mahak = testMahakClient(sim);
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    await storage?.close();
    storage = createStorage('sqlite::memory:', createSilentLogger());
    await storage.init();
  });

  const config = (overrides: ConfigInput = {}) =>
    loadConfig({ env: {}, overrides: { mahakUrl: sim.syncUrl, ...overrides } });
  const deps = () => ({ db: storage.db, mahak, pageSize: 100 });
  const group = (id: number, code: number | null, deleted = false) =>
    storage.db.run(
      'INSERT INTO person_groups (id, row_version, deleted_at, client_id, code, name, sell_price_level, discount_percent, raw) ' +
        "VALUES (?, ?, ?, NULL, ?, 'گروه', NULL, NULL, '{}')",
      [id, id, deleted ? 1 : null, code],
    );
  const store = (id: number, code: number | null) =>
    storage.db.run(
      "INSERT INTO stores (id, row_version, deleted_at, code, name, raw) VALUES (?, ?, NULL, ?, 'انبار', '{}')",
      [id, id, code],
    );

  it('before any pull, reads the lists from Mahak: the default group has the lowest code, the default store the lowest id', async () => {
    const groups = sim.control.snapshot('PersonGroups').filter((g) => g.Deleted !== true);
    const lowest = [...groups].sort((a, b) => Number(a.PersonGroupCode) - Number(b.PersonGroupCode))[0];
    expect(await resolvePersonGroupChoice(deps(), config())).toBe(lowest.PersonGroupId);
    const stores = sim.control.snapshot('Stores').filter((s) => s.Deleted !== true);
    expect(await resolveStoreChoice(deps(), config())).toBe(
      Math.min(...stores.map((s) => Number(s.StoreId))),
    );
  });

  it('takes a configured id only when Mahak has it, and a configured code only when exactly one row has it', async () => {
    await group(5, 30);
    await group(6, 10);
    await group(7, 20);
    await group(8, 20);
    await group(9, 1, true);
    expect(await resolvePersonGroupChoice(deps(), config())).toBe(6); // lowest live code
    expect(await resolvePersonGroupChoice(deps(), config({ mahakPersonGroupId: 5 }))).toBe(5);
    expect(await resolvePersonGroupChoice(deps(), config({ mahakPersonGroupCode: 30 }))).toBe(5);
    await expect(resolvePersonGroupChoice(deps(), config({ mahakPersonGroupId: 9 }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [{ key: 'mahakPersonGroupId', problem: 'not in Mahak' }],
    });
    await expect(
      resolvePersonGroupChoice(deps(), config({ mahakPersonGroupCode: 20 })),
    ).rejects.toMatchObject({
      details: [{ key: 'mahakPersonGroupCode', problem: 'ambiguous' }],
    });
  });

  const bank = (id: number, code: number | null, deleted = false) =>
    storage.db.run(
      "INSERT INTO banks (id, row_version, deleted_at, client_id, code, name, bank_name, raw) VALUES (?, ?, ?, NULL, ?, 'بانک ملت', 'بانک ملت', '{}')",
      [id, id, deleted ? 1 : null, code],
    );

  it('banks: before a pull from Mahak, then from the pulled list by id, by code or the lowest code', async () => {
    const banks = sim.control.snapshot('Banks').filter((b) => b.Deleted !== true);
    const first = [...banks].sort((a, b) => Number(a.BankCode) - Number(b.BankCode))[0];
    expect(await resolveBankChoice(deps(), config())).toBe(first.BankId);
    await bank(40, 14);
    await bank(41, 12);
    await bank(42, 13);
    await bank(43, 13);
    await bank(44, 11, true);
    expect(await resolveBankChoice(deps(), config())).toBe(41); // lowest live code
    expect(await resolveBankChoice(deps(), config({ mahakBankCode: 14 }))).toBe(40);
    expect(await resolveBankChoice(deps(), config({ mahakBankId: 42 }))).toBe(42);
    // The old default (id 1) and a deleted account are not Mahak's banks here: pause, one message.
    for (const mahakBankId of [1, 44])
      await expect(resolveBankChoice(deps(), config({ mahakBankId }))).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        details: [{ key: 'mahakBankId', env: 'HAMGAM_MAHAK_BANK_ID', problem: 'not in Mahak' }],
      });
    await expect(resolveBankChoice(deps(), config({ mahakBankCode: 13 }))).rejects.toMatchObject({
      details: [{ key: 'mahakBankCode', problem: 'ambiguous' }],
    });
  });

  it("the pull brings Mahak's banks into the store like its stores and person groups", async () => {
    const h = await createHarness(sim.syncUrl);
    try {
      await h.round({ pageSize: 100, overlap: 0, runId: 'banks' });
      const rows = await h.storage.db.query<{ id: number; code: number }>(
        'SELECT id, code FROM banks WHERE deleted_at IS NULL ORDER BY id',
      );
      const banks = sim.control.snapshot('Banks').filter((b) => b.Deleted !== true);
      expect(rows.map((r) => [Number(r.id), Number(r.code)])).toEqual(
        banks.map((b) => [b.BankId, b.BankCode]).sort((a, b) => Number(a[0]) - Number(b[0])),
      );
    } finally {
      await h.close();
    }
  });

  it('a bank Mahak lacks holds the paid orders untouched (nothing sent, no attempt) with a pause; the cheque carries the chosen bank', async () => {
    const banks = sim.control.snapshot('Banks').filter((b) => b.Deleted !== true);
    const missing = Math.max(...banks.map((b) => Number(b.BankId))) + 100;
    const paused = await startPushEnv({ sim, overrides: { mahakBankId: missing } });
    const chosen = banks[banks.length - 1];
    const ok = await startPushEnv({ sim, overrides: { mahakBankCode: Number(chosen.BankCode) } });
    try {
      const saves = sim.control.stats().requests.SaveAllData ?? 0;
      const orders = [0, 1].map((i) =>
        placeOrder(paused.storage, paused.goods.slice(i, i + 1), { personServerId: simCustomer(sim, i) }),
      );
      await Promise.all(orders);
      // Both orders are paid online (a cheque each): both wait; test/push/push-pause.test.ts has the
      // cash-on-delivery order that goes meanwhile.
      const run = await paused.worker.runOnce();
      expect(run).toMatchObject({ status: 'ok', stats: { heldForBank: 2 } });
      expect(await currentPause(paused.storage.db)).toMatchObject({
        key: 'mahakBankId',
        problem: 'not in Mahak',
      });
      const rows = await paused.storage.db.query<{ state: string; attempts: number }>(
        'SELECT state, attempts FROM push_outbox',
      );
      expect(rows.every((r) => r.state === 'ready' && Number(r.attempts) === 0)).toBe(true);
      expect(sim.control.stats().requests.SaveAllData ?? 0).toBe(saves);

      const order = await placeOrder(ok.storage, ok.goods.slice(2, 3), {
        personServerId: simCustomer(sim, 2),
      });
      await settle(ok.worker);
      const cheques = sim.control.books().Cheques.filter((c) => String(c.Number) === `ZP-${order.orderSeq}`);
      expect(cheques.length).toBeGreaterThan(0);
      expect(cheques.at(-1)!.BankId).toBe(chosen.BankId);
    } finally {
      await paused.close();
      await ok.close();
    }
  });

  it('stores: by id, by code, or the lowest id; an unknown one pauses', async () => {
    await store(3, 103);
    await store(2, 102);
    expect(await resolveStoreChoice(deps(), config())).toBe(2);
    expect(await resolveStoreChoice(deps(), config({ storeCode: 103 }))).toBe(3);
    await expect(resolveStoreChoice(deps(), config({ storeId: 4 }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [{ key: 'storeId', problem: 'not in Mahak' }],
    });
  });
});
