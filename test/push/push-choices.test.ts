import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import type { ConfigInput } from '../../core/config/config-schema.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { resolvePersonGroupChoice, resolveStoreChoice } from '../../core/push/push-choices.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { testMahakClient } from './push-env.js';
import type { MahakClient } from '../../core/mahak/mahak-client.js';

/** Issue 8, item 10: store and person group come from Mahak's lists, by id, by code or the documented default. */
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
