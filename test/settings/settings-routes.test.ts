import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  connectionTestResultSchema,
  deskDisplaySchema,
  mahakListsSchema,
  settingsViewSchema,
  type SettingsView,
} from '../../core/contracts/admin-settings.js';
import { errorCodes, type ErrorBody } from '../../core/errors.js';
import { readStorefrontState } from '../../core/store/storefront-read.js';
import { startSettingsEnv, type SettingsEnv } from './settings-env.js';

/**
 * Settings kept in the database, through the real HTTP app (inject) and the composition root: every
 * answer parses with the shared contract, bad or locked input changes nothing, and a change takes
 * effect without a restart (prices served, Mahak credentials, schedule).
 */
describe('desk settings API', () => {
  let env: SettingsEnv;
  const settings = async () =>
    settingsViewSchema.parse((await env.call('owner', 'GET', '/admin/api/settings')).body);
  const patch = (body: unknown, who: 'owner' | 'staff' = 'owner') =>
    env.call<SettingsView & ErrorBody>(who, 'PATCH', '/admin/api/settings', body);
  const rowsOf = () =>
    env.app.storage.db.query<{ key: string; value: string }>(
      'SELECT key, value FROM app_settings ORDER BY key',
    );

  beforeAll(async () => {
    env = await startSettingsEnv({ env: { HAMGAM_MAHAK_USER: 'demo' }, schedule: true });
  }, 60_000);
  afterAll(() => env?.close());

  it('shows the effective values and the locks, never the password', async () => {
    const res = await env.call<Record<string, unknown>>('owner', 'GET', '/admin/api/settings');
    expect(res.status).toBe(200);
    const view = settingsViewSchema.parse(res.body);
    expect(view.values).toMatchObject({
      mahakUrl: env.sim.syncUrl,
      sellPriceLevel: 1,
      mahakPasswordSet: false,
    });
    expect(view.values).not.toHaveProperty('mahakPassword');
    expect(view.locks.mahakUser).toEqual({ source: 'env', name: 'HAMGAM_MAHAK_USER' });
    expect(view.locks.mahakUrl).toBeUndefined();
  });

  it('lets only the owner near settings and setup; every clerk reads the money unit', async () => {
    const ownerOnly: [string, string, unknown?][] = [
      ['GET', '/admin/api/settings'],
      ['PATCH', '/admin/api/settings', { sellPriceLevel: 2 }],
      ['POST', '/admin/api/settings/test-connection', {}],
      ['GET', '/admin/api/settings/mahak-lists'],
      ['POST', '/admin/api/setup/finish'],
    ];
    for (const [method, url, body] of ownerOnly) {
      const asStaff = await env.call<ErrorBody>('staff', method, url, body);
      expect(asStaff.status, `${method} ${url}`).toBe(403);
      expect(asStaff.body.error.code).toBe('FORBIDDEN');
      expect((await env.call<ErrorBody>('nobody', method, url, body)).body.error.code).toBe('UNAUTHORIZED');
    }
    expect((await settings()).values.sellPriceLevel).toBe(1);
    const display = await env.call('staff', 'GET', '/admin/api/settings/display');
    expect(deskDisplaySchema.parse(display.body)).toEqual({ moneyDisplay: 'rial' });
    expect((await env.call('staff', 'GET', '/admin/api/setup')).status).toBe(200);
  });

  it('refuses a locked key with SETTING_LOCKED and writes nothing, not even the other keys', async () => {
    const res = await patch({ mahakUser: 'someone', sellPriceLevel: 3 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SETTING_LOCKED');
    expect(res.body.error.messageFa).toBe(errorCodes.SETTING_LOCKED.fa);
    expect(res.body.error.details).toEqual({
      locked: [{ key: 'mahakUser', source: 'env', name: 'HAMGAM_MAHAK_USER' }],
    });
    expect(await rowsOf()).toEqual([]);
    expect((await settings()).values.sellPriceLevel).toBe(1);
  });

  it.each([
    ['an unknown key', { colour: 'blue' }],
    ['a price level past 10', { sellPriceLevel: 11 }],
    ['a cron line the scheduler cannot read', { pullSchedule: '61 * * * *' }],
    ['a cron line of six fields (every second)', { pullSchedule: '* * * * * *' }],
    ['words for a schedule', { pullSchedule: 'every minute' }],
    ['an ftp address', { mahakUrl: 'ftp://mahak.example/API/v3/Sync' }],
    ['nothing at all', {}],
    ['a string for a number', { mahakPersonGroupId: '2' }],
  ])('answers %s with VALIDATION_FAILED and changes nothing', async (_name, body) => {
    const res = await patch(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await rowsOf()).toEqual([]);
  });

  it('serves prices at a new sell level at once, and audits who changed it', async () => {
    await env.app.engine.pullNow();
    const [variant] = await env.app.storage.db.query<{ product_id: number; price1: number; price3: number }>(
      'SELECT product_id, price1, price3 FROM variants WHERE price1 <> price3 AND deleted_at IS NULL ORDER BY id LIMIT 1',
    );
    const priceOf = async () =>
      (await env.server.inject({ method: 'GET', url: `/api/v1/products/${variant.product_id}` })).json()
        .variants as { price: number }[];
    expect((await priceOf()).map((v) => v.price)).toContain(variant.price1);

    const res = await patch({ sellPriceLevel: 3 });
    expect(res.status).toBe(200);
    expect(settingsViewSchema.parse(res.body).values.sellPriceLevel).toBe(3);
    // The listing's read rows follow the change itself, not the first storefront request after it.
    await vi.waitFor(async () => expect((await readStorefrontState(env.app.storage.db))?.priceLevel).toBe(3));
    expect((await priceOf()).map((v) => v.price)).toContain(variant.price3);

    const audit = await env.call<{ items: { action: string; before: unknown; after: unknown }[] }>(
      'owner',
      'GET',
      '/admin/api/audit?targetType=settings',
    );
    expect(audit.body.items[0]).toMatchObject({
      action: 'settings.update',
      before: { sellPriceLevel: 1 },
      after: { sellPriceLevel: 3 },
    });
  });

  it('rejects a store Mahak does not have once the stores are pulled', async () => {
    const res = await patch({ storeId: 999 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ fields: [{ field: 'storeId' }] });
    expect((await patch({ storeId: 2 })).status).toBe(200);
  });

  it('keeps the Mahak password encrypted, masks it in the audit, and uses it without a restart', async () => {
    const res = await patch({ mahakPassword: 'a-wrong-password' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('a-wrong-password');
    expect(res.body.values.mahakPasswordSet).toBe(true);
    const stored = (await rowsOf()).find((r) => r.key === 'mahakPassword')!;
    expect(stored.value).toMatch(/^v1\./);
    expect(stored.value).not.toContain('a-wrong-password');
    const keyFile = join(env.dir, 'settings.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toHaveLength(44);
    const audit = await env.call<{ items: { after: unknown }[] }>(
      'owner',
      'GET',
      '/admin/api/audit?targetType=settings',
    );
    expect(audit.body.items[0].after).toEqual({ mahakPassword: '***' });

    await expect(env.app.engine.pullNow()).rejects.toMatchObject({ code: 'MAHAK_AUTH_FAILED' });
    expect((await patch({ mahakPassword: 'demo' })).status).toBe(200);
    await expect(env.app.engine.pullNow()).resolves.toMatchObject({ status: 'ok' });
  });

  it('reschedules the pull when the schedule changes', async () => {
    expect(env.app.engine.nextScheduledPull).toBeDefined();
    expect((await patch({ pullSchedule: '17 3 * * *' })).status).toBe(200);
    const next = env.app.engine.nextScheduledPull!;
    expect([next.getMinutes(), next.getHours()]).toEqual([17, 3]);
  });

  it('tests a connection and answers a failure with its translated error', async () => {
    const test = async (body: unknown) => {
      const res = await env.call('owner', 'POST', '/admin/api/settings/test-connection', body);
      expect(res.status).toBe(200);
      return connectionTestResultSchema.parse(res.body);
    };
    const wrong = await test({ mahakPassword: 'not-the-password' });
    expect(wrong).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'MAHAK_AUTH_FAILED',
        messageFa: errorCodes.MAHAK_AUTH_FAILED.fa,
      }),
      advice: expect.objectContaining({
        kind: 'mahak_wrong_password',
        hintFa: expect.stringContaining('رمز'),
      }),
    });
    const unreachable = await test({ mahakUrl: 'http://127.0.0.1:9/API/v3/Sync' });
    expect(unreachable).toMatchObject({
      ok: false,
      error: { code: 'MAHAK_UNAVAILABLE' },
      advice: { kind: 'mahak_unreachable' },
    });
    const wrongDatabase = await test({ mahakDatabaseId: 99 });
    expect(wrongDatabase).toMatchObject({ ok: false, advice: { kind: 'mahak_wrong_database' } });
    const typed = await test({ mahakPassword: 'demo' });
    expect(typed).toMatchObject({ ok: true, confirmed: true, visitorId: 7, databaseId: 1 });
    if (!typed.ok) throw new Error('unreachable');
    expect(typed.lists.source).toBe('mahak');
    expect(typed.lists.priceLevels).toHaveLength(10);
    expect(typed.lists.priceLevels[0]).toEqual({ level: 1, name: 'قیمت مصرف کننده' });
    expect(typed.lists.stores.length).toBeGreaterThan(0);
    expect(typed.lists.personGroups.length).toBeGreaterThan(0);
  });

  it('lists price levels, stores and person groups from the pulled tables', async () => {
    const res = await env.call('owner', 'GET', '/admin/api/settings/mahak-lists');
    const lists = mahakListsSchema.parse(res.body);
    expect(lists.source).toBe('pulled');
    expect(lists.priceLevels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lists.stores.map((s) => s.id)).toContain(2);
    expect(lists.personGroups[0]).toMatchObject({ id: 1, name: expect.any(String) });
  });

  it('flips the money unit every clerk sees', async () => {
    expect((await patch({ moneyDisplay: 'toman' })).status).toBe(200);
    const display = await env.call('staff', 'GET', '/admin/api/settings/display');
    expect(deskDisplaySchema.parse(display.body).moneyDisplay).toBe('toman');
  });
});
