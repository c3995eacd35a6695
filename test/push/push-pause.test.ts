import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/contracts/admin-sync.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';
import { placeOrder, simCustomer } from './push-env.js';

/**
 * "Pushing is paused" is a state the status API shows (issue 8 follow-up), not only a failed run: the
 * key to fix, where (the desk's settings page or the server's configuration), since when, in Persian
 * and English — and it is gone once the choice resolves.
 */
describe('the paused push in GET /admin/api/sync/status', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv();
  });
  afterAll(() => env.close());

  const paused = async () => (await env.call<SyncStatus>('GET', '/admin/api/sync/status')).body.push.paused;

  it('names the desk setting to fix, keeps its first moment, and clears when staff choose a group Mahak has', async () => {
    expect(await paused()).toBeNull();
    await env.app.settings.update({ mahakPersonGroupId: 999 }, { id: 'owner-1' });
    await placeOrder(env.app.storage, env.goods.slice(0, 1), { personServerId: simCustomer(env.sim, 1) });
    await expect(env.app.push.worker.runOnce()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    const first = await paused();
    expect(first).toMatchObject({
      key: 'mahakPersonGroupId',
      env: 'HAMGAM_MAHAK_PERSON_GROUP_ID',
      problem: 'not in Mahak',
      where: 'settings',
    });
    expect(first!.fa).toContain('گروه اشخاص');
    expect(first!.fa).toContain('تنظیمات');
    expect(first!.en).toContain('999');
    await expect(env.app.push.worker.runOnce()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect((await paused())!.since).toBe(first!.since);

    const group = env.sim.control.snapshot('PersonGroups').find((g) => g.Deleted !== true)!;
    await env.app.settings.update({ mahakPersonGroupId: group.PersonGroupId as number }, { id: 'owner-1' });
    await env.app.push.worker.runOnce();
    expect(await paused()).toBeNull();
  });
});
