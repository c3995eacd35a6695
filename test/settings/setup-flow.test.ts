import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectionTestResultSchema,
  mahakListsSchema,
  setupStateSchema,
  type SettingsView,
} from '../../core/contracts/admin-settings.js';
import type { ErrorBody } from '../../core/errors.js';
import { startSettingsEnv, type SettingsEnv } from './settings-env.js';

/**
 * First-run setup on a fresh database (`hamgam serve` with nothing configured): the wizard's steps
 * through the API, in the order the desk takes them. The scheduled pull waits until setup is complete.
 */
describe('first-run setup (fresh database)', () => {
  let env: SettingsEnv;
  const state = async () => setupStateSchema.parse((await env.call('staff', 'GET', '/admin/api/setup')).body);

  beforeAll(async () => {
    env = await startSettingsEnv({ fresh: true, schedule: true });
  }, 60_000);
  afterAll(() => env?.close());

  it('starts incomplete, with no scheduled pull knocking on a default address', async () => {
    expect(await state()).toEqual({
      complete: false,
      demo: false,
      connectionConfirmed: false,
      firstPullDone: false,
      connectionLocked: false,
    });
    expect(env.app.engine.nextScheduledPull).toBeUndefined();
  });

  it('tests typed values without saving or confirming them', async () => {
    const res = await env.call('owner', 'POST', '/admin/api/settings/test-connection', {
      mahakUrl: env.sim.syncUrl,
      mahakUser: 'demo',
      mahakPassword: 'demo',
    });
    expect(connectionTestResultSchema.parse(res.body)).toMatchObject({ ok: true, confirmed: false });
    expect((await state()).connectionConfirmed).toBe(false);
  });

  it('confirms the connection once the saved values pass the test', async () => {
    const saved = await env.call<SettingsView>('owner', 'PATCH', '/admin/api/settings', {
      mahakUrl: env.sim.syncUrl,
      mahakUser: 'demo',
      mahakPassword: 'demo',
      mahakDatabaseId: 1,
    });
    expect(saved.status).toBe(200);
    const res = await env.call('owner', 'POST', '/admin/api/settings/test-connection', {});
    expect(connectionTestResultSchema.parse(res.body)).toMatchObject({ ok: true, confirmed: true });
    expect(await state()).toMatchObject({ complete: false, connectionConfirmed: true });
  });

  it("offers Mahak's own lists before anything is pulled, and accepts choices from them", async () => {
    const lists = mahakListsSchema.parse(
      (await env.call('owner', 'GET', '/admin/api/settings/mahak-lists')).body,
    );
    expect(lists.source).toBe('mahak');
    const choice = {
      sellPriceLevel: 2,
      storeId: lists.stores[0].id,
      mahakPersonGroupId: lists.personGroups[1].id,
    };
    const res = await env.call<SettingsView>('owner', 'PATCH', '/admin/api/settings', choice);
    expect(res.status).toBe(200);
    expect(res.body.values).toMatchObject(choice);
  });

  it('is complete after the first successful pull, which also starts the schedule', async () => {
    await env.app.engine.pullNow();
    expect(await state()).toMatchObject({ complete: true, firstPullDone: true });
    await expect.poll(() => env.app.engine.nextScheduledPull).toBeDefined();
    const finished = await env.call('owner', 'POST', '/admin/api/setup/finish');
    expect(setupStateSchema.parse(finished.body).complete).toBe(true);
  });

  it('never asks a clerk to finish setup', async () => {
    const res = await env.call<ErrorBody>('staff', 'POST', '/admin/api/setup/finish');
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('setup with the Mahak connection fixed by env', () => {
  it('is not complete yet, but a headless box pulls on schedule without a desk', async () => {
    const locked = await startSettingsEnv({
      fresh: true,
      schedule: true,
      env: { HAMGAM_MAHAK_URL: 'http://127.0.0.1:9/API/v3/Sync' },
    });
    try {
      const state = setupStateSchema.parse((await locked.call('owner', 'GET', '/admin/api/setup')).body);
      expect(state).toMatchObject({ complete: false, connectionLocked: true });
      await expect.poll(() => locked.app.engine.nextScheduledPull).toBeDefined();
    } finally {
      await locked.close();
    }
  });
});

describe('demo mode', () => {
  it('is preconfigured: setup is complete on an empty database', async () => {
    const env = await startSettingsEnv({ defaults: { demo: true } });
    try {
      const state = setupStateSchema.parse((await env.call('owner', 'GET', '/admin/api/setup')).body);
      expect(state).toMatchObject({ complete: true, demo: true, firstPullDone: false });
    } finally {
      await env.close();
    }
  });
});
