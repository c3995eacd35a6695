import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffDto, StaffList, TokenPair } from '../../core/contracts/accounts.js';
import { hasPostgres } from '../support/services.js';
import { register, sara, staffLogin } from './account-fixtures.js';
import {
  badFields,
  bearer,
  errorOf,
  startAccountsTestServer,
  type AccountsTestServer,
} from './accounts-test-server.js';

for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`admin sign-in and staff on ${driver}`, () => {
    let server: AccountsTestServer;
    let owner: TokenPair;
    beforeAll(async () => {
      server = await startAccountsTestServer({ driver });
      await server.accounts.staff.create({
        username: 'shirin',
        password: 'shirin-owner-1403',
        role: 'owner',
      });
      owner = await staffLogin(server, 'Shirin', 'shirin-owner-1403');
    });
    afterAll(() => server?.close());

    const addStaff = (token: string, payload: object) =>
      server.inject({ method: 'POST', url: '/admin/api/staff', headers: bearer(token), payload });

    it('signs the owner in (username case-insensitive) and answers /admin/api/me', async () => {
      const res = await server.inject({
        method: 'GET',
        url: '/admin/api/me',
        headers: bearer(owner.accessToken),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<StaffDto>()).toMatchObject({ username: 'shirin', role: 'owner' });
    });

    it('lets the owner create and list staff; a taken username is 409 CONFLICT', async () => {
      server.clock.advance(1000); // listed by creation time
      const res = await addStaff(owner.accessToken, { username: 'Reza.Karimi', password: 'reza-anbar-55' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<StaffDto>()).toMatchObject({ username: 'reza.karimi', role: 'staff' });
      const dup = await addStaff(owner.accessToken, { username: 'reza.karimi', password: 'another-pass-1' });
      expect(dup.statusCode).toBe(409);
      expect(errorOf(dup).code).toBe('CONFLICT');
      const list = await server.inject({
        method: 'GET',
        url: '/admin/api/staff',
        headers: bearer(owner.accessToken),
      });
      expect(list.json<StaffList>().items.map((s) => `${s.username}:${s.role}`)).toEqual([
        'shirin:owner',
        'reza.karimi:staff',
      ]);
      expect(list.body).not.toContain('scrypt');
    });

    it('validates a new staff account (username charset, password length, role)', async () => {
      const res = await addStaff(owner.accessToken, { username: 'رضا', password: 'short', role: 'boss' });
      expect(res.statusCode).toBe(400);
      expect(badFields(res)).toEqual(['password', 'role', 'username']);
    });

    it('forbids a staff member to manage staff (403 FORBIDDEN) but lets them use /admin/api/me', async () => {
      const staff = await staffLogin(server, 'reza.karimi', 'reza-anbar-55');
      const create = await addStaff(staff.accessToken, { username: 'nima', password: 'nima-12345678' });
      expect(create.statusCode).toBe(403);
      expect(errorOf(create)).toMatchObject({ code: 'FORBIDDEN', details: { requiredRole: 'owner' } });
      const list = await server.inject({
        method: 'GET',
        url: '/admin/api/staff',
        headers: bearer(staff.accessToken),
      });
      expect(list.statusCode).toBe(403);
      const me = await server.inject({
        method: 'GET',
        url: '/admin/api/me',
        headers: bearer(staff.accessToken),
      });
      expect(me.json<StaffDto>().role).toBe('staff');
    });

    it('keeps customer and staff tokens apart (403 FORBIDDEN either way)', async () => {
      const customer = await register(server, sara);
      const onAdmin = await server.inject({
        method: 'GET',
        url: '/admin/api/me',
        headers: bearer(customer.accessToken),
      });
      expect(onAdmin.statusCode).toBe(403);
      expect(errorOf(onAdmin).code).toBe('FORBIDDEN');
      const onStore = await server.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: bearer(owner.accessToken),
      });
      expect(onStore.statusCode).toBe(403);
      // Nor does a refresh token cross over.
      const crossed = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: owner.refreshToken },
      });
      expect(errorOf(crossed).code).toBe('AUTH_TOKEN_INVALID');
    });

    it('answers a wrong password and an unknown username alike with 401 AUTH_INVALID_CREDENTIALS', async () => {
      const wrong = await server.inject({
        method: 'POST',
        url: '/admin/api/auth/login',
        payload: { username: 'shirin', password: 'guess-guess' },
      });
      const unknown = await server.inject({
        method: 'POST',
        url: '/admin/api/auth/login',
        payload: { username: 'nobody', password: 'guess-guess' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(errorOf(wrong).code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(wrong.body).toBe(unknown.body);
    });

    it('rotates staff refresh tokens and logs out', async () => {
      const pair = await staffLogin(server, 'shirin', 'shirin-owner-1403');
      const next = await server.inject({
        method: 'POST',
        url: '/admin/api/auth/refresh',
        payload: { refreshToken: pair.refreshToken },
      });
      expect(next.statusCode, next.body).toBe(200);
      const rotated = next.json<TokenPair>();
      const me = await server.inject({
        method: 'GET',
        url: '/admin/api/me',
        headers: bearer(rotated.accessToken),
      });
      expect(me.json<StaffDto>().role).toBe('owner');
      const out = await server.inject({
        method: 'POST',
        url: '/admin/api/auth/logout',
        payload: { refreshToken: rotated.refreshToken },
      });
      expect(out.statusCode).toBe(204);
      const after = await server.inject({
        method: 'POST',
        url: '/admin/api/auth/refresh',
        payload: { refreshToken: rotated.refreshToken },
      });
      expect(errorOf(after).code).toBe('AUTH_TOKEN_INVALID');
    });
  });
}
