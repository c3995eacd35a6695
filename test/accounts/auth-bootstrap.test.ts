import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { command as staffAdd } from '../../core/cli/staff-add-command.js';
import type { CustomerDto, StaffDto, TokenPair } from '../../core/contracts/accounts.js';
import { createLogger } from '../../core/logging/pino-logger.js';
import { startApiTestServer } from '../api/api-test-server.js';
import { login, register, sara, staffLogin } from './account-fixtures.js';
import { bearer, errorOf, startAccountsTestServer } from './accounts-test-server.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hamgam-bootstrap-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hamgam staff-add', () => {
  const output: string[] = [];
  beforeAll(() => {
    vi.stubEnv('HAMGAM_LOG_LEVEL', 'silent');
    vi.spyOn(console, 'log').mockImplementation((line: string) => void output.push(`out: ${line}`));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void output.push(`err: ${line}`));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
  afterEach(() => {
    output.length = 0;
  });

  const db = () => `sqlite:${join(dir, 'cli.db')}`;

  it('creates the first owner, who can then sign in to the admin API', async () => {
    const code = await staffAdd.run(
      { username: 'Parisa', password: 'parisa-owner-77', role: 'owner', db: db() },
      [],
    );
    expect(code).toBe(0);
    expect(output.join('\n')).toContain('Staff account "parisa" (owner) created');
    const server = await startAccountsTestServer({ dbUrl: db() });
    try {
      const pair = await staffLogin(server, 'parisa', 'parisa-owner-77');
      const me = await server.inject({
        method: 'GET',
        url: '/admin/api/me',
        headers: bearer(pair.accessToken),
      });
      expect(me.json<StaffDto>()).toMatchObject({ username: 'parisa', role: 'owner' });
    } finally {
      await server.close();
    }
  });

  it('exits 1 on a taken username and 2 on bad options, naming the problem', async () => {
    expect(
      await staffAdd.run({ username: 'parisa', password: 'another-pass-1', role: 'staff', db: db() }, []),
    ).toBe(1);
    expect(output.join('\n')).toContain('CONFLICT');
    output.length = 0;
    expect(await staffAdd.run({ username: 'x', password: 'short', role: 'king', db: db() }, [])).toBe(2);
    const said = output.join('\n');
    for (const field of ['username:', 'password:', 'role:']) expect(said).toContain(field);
  });
});

describe('demo mode', () => {
  it('creates the owner admin/admin1234 when there is no staff, and only in demo mode', async () => {
    const lines: { level: number; msg: string; username?: string }[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const demo = await startApiTestServer({
      seed: false,
      config: { demo: true },
      logger: createLogger('info', stream),
    });
    // Said loudly (warn) so whoever runs the demo sees how to sign in.
    expect(lines.find((l) => l.msg.startsWith('DEMO MODE'))).toMatchObject({ level: 40, username: 'admin' });
    try {
      const res = await demo.app.inject({
        method: 'POST',
        url: '/admin/api/auth/login',
        payload: { username: 'admin', password: 'admin1234' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const me = await demo.app.inject({
        method: 'GET',
        url: '/admin/api/me',
        headers: bearer(res.json<TokenPair>().accessToken),
      });
      expect(me.json<StaffDto>()).toMatchObject({ username: 'admin', role: 'owner' });
    } finally {
      await demo.close();
    }
    const real = await startApiTestServer({ seed: false });
    try {
      const res = await real.app.inject({
        method: 'POST',
        url: '/admin/api/auth/login',
        payload: { username: 'admin', password: 'admin1234' },
      });
      expect(res.statusCode).toBe(401);
      const [{ n }] = await real.storage.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM staff_accounts');
      expect(Number(n)).toBe(0);
    } finally {
      await real.close();
    }
  });
});

describe('the JWT secret', () => {
  const db = () => `sqlite:${join(dir, 'secret.db')}`;

  it('is generated once and kept in the database, so sessions survive a restart', async () => {
    const first = await startAccountsTestServer({ dbUrl: db() });
    let pair: TokenPair;
    try {
      pair = await register(first, sara);
    } finally {
      await first.close();
    }
    const second = await startAccountsTestServer({ dbUrl: db() });
    try {
      const me = await second.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(pair.accessToken) });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json<CustomerDto>().mobile).toBe(sara.mobile);
      const refreshed = await second.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: pair.refreshToken },
      });
      expect(refreshed.statusCode).toBe(200);
      const rows = await second.storage.db.query<{ key: string; value: string }>(
        'SELECT key, value FROM account_settings',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ key: 'jwt_secret', value: second.accounts.jwtSecret });
      expect(rows[0].value.length).toBeGreaterThanOrEqual(64);
    } finally {
      await second.close();
    }
  });

  it('comes from config when set (and is then not stored); old tokens stop working', async () => {
    // Sara registered in the test above.
    const first = await startAccountsTestServer({ dbUrl: db() });
    const pair = await login(first, sara.mobile, sara.typed.password).finally(() => first.close());
    const configured = 'a-secret-from-HAMGAM_JWT_SECRET-0123456789';
    const server = await startAccountsTestServer({ dbUrl: db(), config: { jwtSecret: configured } });
    try {
      expect(server.accounts.jwtSecret).toBe(configured);
      const me = await server.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(pair.accessToken) });
      expect(me.statusCode).toBe(401);
      expect(errorOf(me).code).toBe('AUTH_TOKEN_INVALID');
      const rows = await server.storage.db.query<{ value: string }>('SELECT value FROM account_settings');
      expect(rows.map((r) => r.value)).not.toContain(configured);
    } finally {
      await server.close();
    }
  });
});
