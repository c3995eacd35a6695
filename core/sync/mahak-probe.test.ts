import { describe, expect, it } from 'vitest';
import type { SyncEntity } from '../contracts/admin-sync.js';
import { MahakProbe } from './mahak-probe.js';
import type { PullSource } from './pull-reader.js';

/** A Mahak whose GetAllData answers when the test says so. */
function heldMahak() {
  const pending: ((rows: Record<string, unknown>[]) => void)[] = [];
  const source: PullSource = {
    getAllData: () =>
      new Promise((done) => pending.push((rows) => done({ records: { Products: rows }, quarantined: [] }))),
  };
  return {
    source,
    answer: (rows: Record<string, unknown>[]) => pending.shift()?.(rows),
    asked: () => pending.length,
  };
}

const checkpoints = new Map<SyncEntity, number>([['Products', 100]]);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('MahakProbe', () => {
  it('does not hold the status answer while Mahak is slow, and keeps probing for the next one', async () => {
    const mahak = heldMahak();
    let now = 1_000_000;
    const probe = new MahakProbe(mahak.source, 30_000, () => now, 20);
    const started = Date.now();
    expect(await probe.check(checkpoints)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(mahak.asked()).toBe(1);

    // A second request while the first probe is still out does not ask Mahak again.
    expect(await probe.check(checkpoints)).toBeUndefined();
    expect(mahak.asked()).toBe(1);

    mahak.answer([{ ProductId: 1, RowVersion: 101 }]);
    await settle();
    const answered = await probe.check(checkpoints);
    expect(answered?.newer.get('Products')).toBe(true);
    expect(mahak.asked()).toBe(0);

    // Past the TTL a slow Mahak gets the last answer (stale, with its time), not a wait.
    now += 60_000;
    const stale = await probe.check(checkpoints);
    expect(stale).toBe(answered);
    expect(mahak.asked()).toBe(1);
  });

  it('answers with the probe when Mahak replies within the wait', async () => {
    const source: PullSource = {
      getAllData: () => Promise.resolve({ records: { Products: [{ RowVersion: 100 }] }, quarantined: [] }),
    };
    const result = await new MahakProbe(source, 30_000, Date.now, 1_000).check(checkpoints);
    expect(result?.newer.get('Products')).toBe(false);
    expect(result?.error).toBeNull();
  });
});
