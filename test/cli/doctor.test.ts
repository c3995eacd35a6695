import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  doctorReportSchema,
  supportBundleFileNameOf,
  supportBundleFiles,
  supportBundleHeadersSchema,
  supportBundlePath,
  type DoctorReport,
} from '../../core/contracts/admin-doctor.js';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { createBackup } from '../../core/ops/backup-service.js';
import { FolderBackupTarget } from '../../core/ops/backup-target.js';
import { clockSkew } from '../../core/ops/doctor/clock-skew.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startSettingsEnv, type SettingsEnv } from '../settings/settings-env.js';
import { runCli } from '../store/cli-process.js';

const statusOf = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

/** Every file of a zip, as text (the system's unzip reads it: the archive is a real zip). */
function unzipAll(file: string): Record<string, string> {
  const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
  return Object.fromEntries(
    names.map((n) => [n, execFileSync('unzip', ['-p', file, n], { encoding: 'utf8' })]),
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const secrets = {
  mahakPassword: 'S3cret-Mahak-Pass-77',
  settingsKey: 'settings-key-0123456789-abcdef',
  logToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXJpc2EifQ.c2lnbmF0dXJlLXNlY3JldA',
  logPassword: 'hunter2-from-a-log-line',
  brokerPassword: 'rabbit-pass-in-url-99',
};

describe('clock skew against Mahak ServerTime', () => {
  const at = Date.parse('2026-12-06T21:00:00.000Z');
  it('reads a zoned time as it is, and a zone-less one as UTC or Tehran time, whichever is nearer', () => {
    expect(clockSkew('2026-12-06T21:00:30Z', at, at)).toEqual({ skewMs: 30_000, readAs: 'zoned' });
    expect(clockSkew('2026-12-07T00:30:00+03:30', at - 2000, at + 2000)).toEqual({
      skewMs: 0,
      readAs: 'zoned',
    });
    expect(clockSkew('2026-12-06T20:50:00', at, at)).toEqual({ skewMs: -600_000, readAs: 'utc' });
    expect(clockSkew('2026-12-07T00:31:00', at, at)).toEqual({ skewMs: 60_000, readAs: 'tehran' });
    expect(clockSkew('not a date', at, at)).toBeUndefined();
  });
});

describe('doctor on a running appliance (admin API)', () => {
  let env: SettingsEnv | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('reports every part working against the simulator, then the dead letter and the backup it finds', async () => {
    env = await startSettingsEnv();
    const first = await env.call<DoctorReport>('owner', 'GET', '/admin/api/doctor');
    expect(first.status).toBe(200);
    const report = doctorReportSchema.parse(first.body);
    expect(report.checks.map((c) => c.id)).toEqual([
      'config',
      'database',
      'schema',
      'queue',
      'blob',
      'mahak-reach',
      'mahak-login',
      'clock',
      'disk',
      'versions',
      'outbox',
      'dead-letters',
      'backups',
    ]);
    expect(statusOf(report)).toMatchObject({
      database: 'ok',
      schema: 'ok',
      queue: 'ok',
      blob: 'ok',
      'mahak-reach': 'ok',
      'mahak-login': 'ok',
      clock: 'ok',
      outbox: 'ok',
      'dead-letters': 'ok',
      backups: 'warn',
    });
    const clock = report.checks.find((c) => c.id === 'clock')!;
    expect(Math.abs(Number(clock.facts.skewSeconds))).toBeLessThanOrEqual(5);
    for (const c of report.checks) expect(c.summary.fa).toMatch(/[\u0600-\u06FF]/);

    await env.app.storage.addDeadLetter({
      source: 'pull',
      kind: 'People',
      payload: { PersonId: 3, FirstName: 'علي' },
      reason: 'VALIDATION_FAILED',
      attempts: 5,
      history: [],
    });
    await createBackup({
      db: env.app.storage.db,
      dbUrl: env.app.config.db,
      target: new FolderBackupTarget(join(env.dir, 'backups')),
      logger: createSilentLogger(),
    });
    const again = (await env.call<DoctorReport>('owner', 'GET', '/admin/api/doctor')).body;
    expect(statusOf(again)).toMatchObject({ 'dead-letters': 'warn', backups: 'ok' });
    expect(again.checks.find((c) => c.id === 'dead-letters')!.facts.count).toBe(1);
  }, 120_000);

  it('is for the owner only', async () => {
    env = await startSettingsEnv();
    expect((await env.call('staff', 'GET', '/admin/api/doctor')).status).toBe(403);
    // The bundle holds the shop's logs and configuration: a clerk gets the documented 403 body.
    const staff = await env.call<ErrorBody>('staff', 'GET', supportBundlePath);
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe('FORBIDDEN');
    expect((await env.call('nobody', 'GET', supportBundlePath)).status).toBe(401);
  }, 120_000);

  it('tells a refused login from an unreachable Mahak, and its support bundle holds no secret', async () => {
    env = await startSettingsEnv({
      env: { HAMGAM_MAHAK_PASSWORD: secrets.mahakPassword, HAMGAM_SETTINGS_KEY: secrets.settingsKey },
    });
    const logs = join(env.dir, 'logs');
    mkdirSync(logs, { recursive: true });
    writeFileSync(
      join(logs, 'engine.log'),
      [
        '{"level":30,"msg":"پل همگام شروع شد"}',
        `{"level":40,"msg":"retry","headers":{"authorization":"Bearer ${secrets.logToken}"}}`,
        `{"level":50,"msg":"amqp://hamgam:${secrets.brokerPassword}@rabbitmq:5672 closed"}`,
        `mahak login password=${secrets.logPassword} refused`,
      ].join('\n'),
    );
    const report = (await env.call<DoctorReport>('owner', 'GET', '/admin/api/doctor')).body;
    expect(statusOf(report)).toMatchObject({ 'mahak-reach': 'ok', 'mahak-login': 'fail', clock: 'skip' });
    expect(report.status).toBe('fail');

    const res = await env.server.inject({
      method: 'GET',
      url: supportBundlePath,
      headers: { authorization: `Bearer ${await ownerToken(env)}` },
    });
    expect(res.statusCode).toBe(200);
    const headers = supportBundleHeadersSchema.parse(res.headers);
    expect(supportBundleFileNameOf(headers['content-disposition'])).toMatch(/^hamgam-support-.+\.zip$/);
    const file = join(env.dir, 'bundle.zip');
    writeFileSync(file, res.rawPayload);
    const files = unzipAll(file);
    expect(Object.keys(files).sort()).toEqual([...supportBundleFiles, 'logs/0-engine.log'].sort());
    expect(doctorReportSchema.parse(JSON.parse(files['doctor.json'])).status).toBe('fail');
    const everything = Object.values(files).join('\n') + readFileSync(file).toString('latin1');
    for (const [name, secret] of Object.entries(secrets)) expect(everything, name).not.toContain(secret);
    expect(everything).not.toContain('a-test-secret-of-32-characters!!'); // the JWT secret
    expect(JSON.parse(files['config.json'])).toMatchObject({
      mahakPassword: '***',
      jwtSecret: '***',
      settingsKey: '***',
    });
    expect(files['logs/0-engine.log']).toContain('پل همگام شروع شد');
    expect(files['doctor-fa.txt']).toContain('ورود به محک');
  }, 120_000);

  it('reports an unreachable Mahak as such and skips what needs a login', async () => {
    env = await startSettingsEnv({
      env: { HAMGAM_MAHAK_URL: `http://127.0.0.1:${await closedPort()}/API/v3/Sync` },
    });
    const report = (await env.call<DoctorReport>('owner', 'GET', '/admin/api/doctor')).body;
    expect(statusOf(report)).toMatchObject({
      'mahak-reach': 'fail',
      'mahak-login': 'skip',
      clock: 'skip',
      database: 'ok',
    });
  }, 120_000);
});

async function ownerToken(env: SettingsEnv): Promise<string> {
  const res = await env.server.inject({
    method: 'POST',
    url: '/admin/api/auth/login',
    payload: { username: 'parisa', password: 'parisa-owner-pass' },
  });
  return (res.json() as { accessToken: string }).accessToken;
}

describe('hamgam doctor (command line)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report, exits 1 when Mahak is unreachable, and writes a bundle without secrets', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-doctor-cli-'));
    writeFileSync(join(dir, 'hamgam.config.json'), '{}');
    const bundle = join(dir, 'support.zip');
    const result = await runCli(['doctor', '--lang', 'en', '--bundle', bundle], {
      HAMGAM_CONFIG: join(dir, 'hamgam.config.json'),
      HAMGAM_DATA_DIR: dir,
      HAMGAM_DB: `sqlite:${join(dir, 'hamgam.db')}`,
      HAMGAM_BLOB: `file:${join(dir, 'blobs')}`,
      HAMGAM_MAHAK_URL: `http://127.0.0.1:${await closedPort()}/API/v3/Sync`,
      HAMGAM_MAHAK_PASSWORD: secrets.mahakPassword,
      HAMGAM_LOG_LEVEL: 'silent',
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/\[ OK \] Database/);
    expect(result.stdout).toMatch(/\[FAIL\] Mahak server/);
    expect(result.stdout).toContain('Something does not work.');
    const files = unzipAll(bundle);
    expect(Object.values(files).join('\n')).not.toContain(secrets.mahakPassword);
    expect(JSON.parse(files['doctor.json']).status).toBe('fail');
  }, 180_000);
});
