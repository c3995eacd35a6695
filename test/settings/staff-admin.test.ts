import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  staffListSchema,
  staffSchema,
  tokenPairSchema,
  type StaffDto,
} from '../../core/contracts/accounts.js';
import type { ErrorBody } from '../../core/errors.js';
import { staffPassword, startSettingsEnv, type SettingsEnv } from './settings-env.js';

/**
 * Staff accounts from the desk: owner-only management enforced by the server, disable / enable, reset,
 * own password change with the current password, at least one active owner, every change audited.
 */
describe('staff accounts (desk users screen)', () => {
  let env: SettingsEnv;
  const list = async () =>
    staffListSchema.parse((await env.call('owner', 'GET', '/admin/api/staff')).body).items;
  const idOf = async (username: string) => (await list()).find((s) => s.username === username)!.id;
  const signIn = (username: string, password: string) =>
    env.server.inject({ method: 'POST', url: '/admin/api/auth/login', payload: { username, password } });

  beforeAll(async () => {
    env = await startSettingsEnv();
  }, 60_000);
  afterAll(() => env?.close());

  it('refuses every management route to a clerk with FORBIDDEN', async () => {
    const rezaId = await idOf('reza');
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/api/staff'],
      ['POST', '/admin/api/staff', { username: 'sara', password: 'sara-password', role: 'staff' }],
      ['PATCH', `/admin/api/staff/${rezaId}`, { role: 'owner' }],
      ['POST', `/admin/api/staff/${rezaId}/password`, { password: 'another-password' }],
    ];
    for (const [method, url, body] of routes) {
      const res = await env.call<ErrorBody>('staff', method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await list()).map((s) => [s.username, s.role])).toEqual([
      ['parisa', 'owner'],
      ['reza', 'staff'],
    ]);
  });

  it('creates a clerk, audited without the password', async () => {
    const res = await env.call('owner', 'POST', '/admin/api/staff', {
      username: 'Sara.Ahmadi',
      password: 'sara-password',
    });
    expect(res.status).toBe(201);
    expect(staffSchema.parse(res.body)).toMatchObject({
      username: 'sara.ahmadi',
      role: 'staff',
      disabled: false,
    });
    const audit = await env.call<{ items: { action: string; after: unknown }[] }>(
      'owner',
      'GET',
      '/admin/api/audit?targetType=staff',
    );
    expect(audit.body.items[0]).toEqual(
      expect.objectContaining({
        action: 'staff.create',
        after: { username: 'sara.ahmadi', role: 'staff', disabled: false },
      }),
    );
    expect(JSON.stringify(audit.body)).not.toContain('sara-password');
  });

  it('disables a clerk: no sign-in, no refresh; enabling lets them back', async () => {
    const before = tokenPairSchema.parse((await signIn('sara.ahmadi', 'sara-password')).json());
    const id = await idOf('sara.ahmadi');
    const off = await env.call<StaffDto>('owner', 'PATCH', `/admin/api/staff/${id}`, { disabled: true });
    expect(off.body.disabled).toBe(true);
    const refused = await signIn('sara.ahmadi', 'sara-password');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('STAFF_DISABLED');
    expect((await signIn('sara.ahmadi', 'a-wrong-password')).json().error.code).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );
    const refresh = await env.server.inject({
      method: 'POST',
      url: '/admin/api/auth/refresh',
      payload: { refreshToken: before.refreshToken },
    });
    expect(refresh.json().error.code).toBe('AUTH_TOKEN_INVALID');

    await env.call('owner', 'PATCH', `/admin/api/staff/${id}`, { disabled: false });
    expect((await signIn('sara.ahmadi', 'sara-password')).statusCode).toBe(200);
  });

  it("resets a clerk's password: the new one works, the old one does not", async () => {
    const id = await idOf('sara.ahmadi');
    const res = await env.call('owner', 'POST', `/admin/api/staff/${id}/password`, {
      password: 'sara-new-pass',
    });
    expect(staffSchema.parse(res.body).id).toBe(id);
    expect((await signIn('sara.ahmadi', 'sara-password')).statusCode).toBe(401);
    expect((await signIn('sara.ahmadi', 'sara-new-pass')).statusCode).toBe(200);
  });

  it('keeps at least one active owner', async () => {
    const parisa = await idOf('parisa');
    for (const change of [{ disabled: true }, { role: 'staff' }]) {
      const res = await env.call<ErrorBody>('owner', 'PATCH', `/admin/api/staff/${parisa}`, change);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('STAFF_LAST_OWNER');
    }
    const reza = await idOf('reza');
    expect((await env.call('owner', 'PATCH', `/admin/api/staff/${reza}`, { role: 'owner' })).status).toBe(
      200,
    );
    expect((await env.call('owner', 'PATCH', `/admin/api/staff/${reza}`, { role: 'staff' })).status).toBe(
      200,
    );
  });

  it('answers bad input with VALIDATION_FAILED or NOT_FOUND and changes nothing', async () => {
    const id = await idOf('reza');
    const bad: [string, string, unknown, number][] = [
      ['PATCH', `/admin/api/staff/${id}`, {}, 400],
      ['PATCH', `/admin/api/staff/${id}`, { role: 'king' }, 400],
      ['POST', `/admin/api/staff/${id}/password`, { password: 'short' }, 400],
      ['PATCH', '/admin/api/staff/no-such-id', { disabled: true }, 404],
      ['POST', '/admin/api/staff', { username: 'x', password: 'long-enough-pass' }, 400],
    ];
    const before = await list();
    for (const [method, url, body, status] of bad) {
      expect((await env.call('owner', method, url, body)).status, `${method} ${url}`).toBe(status);
    }
    expect(await list()).toEqual(before);
    expect((await signIn('reza', staffPassword)).statusCode).toBe(200);
  });

  it('changes its own password only with the current one, and keeps this desk signed in', async () => {
    const wrong = await env.call<ErrorBody>('staff', 'POST', '/admin/api/me/password', {
      currentPassword: 'not-my-password',
      newPassword: 'reza-new-password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('AUTH_WRONG_PASSWORD');
    const other = tokenPairSchema.parse((await signIn('reza', staffPassword)).json());

    const res = await env.call('staff', 'POST', '/admin/api/me/password', {
      currentPassword: staffPassword,
      newPassword: 'reza-new-password',
    });
    expect(res.status).toBe(200);
    const fresh = tokenPairSchema.parse(res.body);
    const me = await env.server.inject({
      method: 'GET',
      url: '/admin/api/me',
      headers: { authorization: `Bearer ${fresh.accessToken}` },
    });
    expect(me.json()).toMatchObject({ username: 'reza' });
    expect((await signIn('reza', staffPassword)).statusCode).toBe(401);
    expect((await signIn('reza', 'reza-new-password')).statusCode).toBe(200);
    const stale = await env.server.inject({
      method: 'POST',
      url: '/admin/api/auth/refresh',
      payload: { refreshToken: other.refreshToken },
    });
    expect(stale.json().error.code).toBe('AUTH_TOKEN_INVALID');
  });
});
