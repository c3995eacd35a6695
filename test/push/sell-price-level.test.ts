import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/contracts/admin-sync.js';
import { configCheck } from '../../core/ops/doctor/doctor-infra-checks.js';
import { signInOwner, startAdminEnv, type AdminEnv, type OwnerCalls } from './admin-env.js';

/**
 * The storefront's sell price level must be one Mahak names in CostLevelNames (issue 8 follow-up): a
 * level it does not use is refused in the desk's settings with a Persian and English reason and
 * nothing changed; one that Mahak drops later is reported by the status API and the doctor.
 */
describe('the sell price level against the levels Mahak names', () => {
  let env: AdminEnv;
  let owner: OwnerCalls;
  beforeAll(async () => {
    env = await startAdminEnv();
    owner = await signInOwner(env);
    // What a pull of CostLevelNames leaves: Mahak names levels 1 to 5.
    for (const code of [1, 2, 3, 4, 5])
      await env.app.storage.db.run(
        'INSERT INTO price_levels (id, row_version, deleted_at, code, name, raw) VALUES (?, ?, NULL, ?, ?, ?)',
        [code, code, code, `قیمت ${code}`, '{}'],
      );
  });
  afterAll(() => env.close());

  const patch = (body: unknown) => owner.patchSettings(body);
  const current = () => owner.get<{ values: { sellPriceLevel: number } }>('/admin/api/settings');

  it('refuses a level Mahak does not name, in both languages, and changes nothing', async () => {
    const before = (await current()).values.sellPriceLevel;
    const res = await patch({ sellPriceLevel: 7 });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as {
      error: { code: string; message: string; messageFa: string; details: { fields: unknown[] } };
    };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('price level 7');
    expect(error.messageFa).toContain('سطح قیمت ۷');
    expect(error.details.fields).toEqual([expect.objectContaining({ field: 'sellPriceLevel' })]);
    expect((await current()).values.sellPriceLevel).toBe(before);
    expect((await patch({ sellPriceLevel: 3 })).statusCode).toBe(200);
    expect((await current()).values.sellPriceLevel).toBe(3);
  });

  it('reports a level Mahak dropped later in the status and the doctor', async () => {
    const status = async () => (await env.call<SyncStatus>('GET', '/admin/api/sync/status')).body;
    expect((await status()).storefront.priceLevelProblem).toBeNull();
    await env.app.storage.db.run('UPDATE price_levels SET deleted_at = 1 WHERE code = 3');
    expect((await status()).storefront.priceLevelProblem).toMatchObject({ level: 3, named: [1, 2, 4, 5] });
    const doctor = await configCheck({ config: env.app.config, db: env.app.storage.db });
    expect(doctor.status).toBe('fail');
    expect(doctor.summary.fa).toContain('سطح قیمت ۳');
  });
});
