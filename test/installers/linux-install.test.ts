import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import { installersDir, parseSystemdEnv, parseUnit, run } from './installer-files.js';

// install.sh --root stages the whole install under a temp folder (no user, no systemctl) and
// --skip-npm leaves dependencies out, so the real script runs here end to end without root effects.
const install = join(installersDir, 'linux', 'install.sh');
const uninstall = join(installersDir, 'linux', 'uninstall.sh');
const roots: string[] = [];

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'hamgam-install-'));
  roots.push(root);
  return root;
}

const envOf = (root: string) => parseSystemdEnv(readFileSync(join(root, 'etc/hamgam/hamgam.env'), 'utf8'));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('installers/linux/install.sh (staged with --root)', () => {
  it('installs the app, a 640 env file that loads as configuration, and the unit', () => {
    const root = tempRoot();
    const password = 'p@ss w"rd\\x$HOME';
    const r = run('bash', [
      install,
      '--root',
      root,
      '--yes',
      '--skip-npm',
      '--mahak-user',
      'فروشگاه_کتاب',
      '--mahak-password',
      password,
      '--port',
      '9090',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/[\u0600-\u06FF]/); // messages in Persian as well

    for (const file of ['bin/hamgam.mjs', 'package.json', 'package-lock.json', 'core/cli.ts']) {
      expect(existsSync(join(root, 'opt/hamgam', file)), file).toBe(true);
    }
    expect(existsSync(join(root, 'opt/hamgam/core/blob/blob-key.ts'))).toBe(true);
    expect(existsSync(join(root, 'opt/hamgam/core/blob/blob-key.test.ts'))).toBe(false); // tests stay out
    expect(existsSync(join(root, 'opt/hamgam.new'))).toBe(false);

    const envFile = join(root, 'etc/hamgam/hamgam.env');
    expect(mode(envFile)).toBe('640');
    expect(mode(join(root, 'etc/hamgam'))).toBe('750');
    const env = envOf(root);
    expect(env.HAMGAM_MAHAK_PASSWORD).toBe(password);
    expect(env.HAMGAM_MAHAK_USER).toBe('فروشگاه_کتاب');
    expect(env.HAMGAM_JWT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    const config = loadConfig({ env });
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      db: 'sqlite:/var/lib/hamgam/hamgam.db',
      queue: 'local',
    });
    expect(config.blob).toBe('file:/var/lib/hamgam/blobs');

    const unit = parseUnit(readFileSync(join(root, 'etc/systemd/system/hamgam.service'), 'utf8'));
    const node = run('bash', ['-c', 'command -v node']).stdout.trim();
    expect(unit.Service.ExecStart).toEqual([`${node} /opt/hamgam/bin/hamgam.mjs serve`]);
  });

  it('is idempotent: a re-run replaces the code, keeps the secret and updates only the given keys', () => {
    const root = tempRoot();
    const first = run('bash', [install, '--root', root, '--yes', '--skip-npm', '--mahak-user', 'shop1']);
    expect(first.status).toBe(0);
    const before = envOf(root);
    writeFileSync(join(root, 'opt/hamgam/stale-file.js'), 'from an older version');

    const again = run('bash', [
      install,
      '--root',
      root,
      '--yes',
      '--skip-npm',
      '--port',
      '9191',
      '--db',
      'postgres://hamgam:s3cret@db.local:5432/hamgam',
    ]);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const after = envOf(root);
    expect(after.HAMGAM_JWT_SECRET).toBe(before.HAMGAM_JWT_SECRET);
    expect(after.HAMGAM_MAHAK_USER).toBe('shop1');
    expect(after.HAMGAM_PORT).toBe('9191');
    expect(after.HAMGAM_DB).toBe('postgres://hamgam:s3cret@db.local:5432/hamgam');
    const keys = readFileSync(join(root, 'etc/hamgam/hamgam.env'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]);
    expect(keys.length).toBe(new Set(keys).size);
    expect(existsSync(join(root, 'opt/hamgam/stale-file.js'))).toBe(false);
    expect(mode(join(root, 'etc/hamgam/hamgam.env'))).toBe('640');
  });

  it('refuses Node.js older than 20 and installs nothing', () => {
    const root = tempRoot();
    const fakeBin = join(root, 'fake-bin');
    mkdirSync(fakeBin);
    writeFileSync(join(fakeBin, 'node'), '#!/bin/sh\necho 18.19.0\n');
    chmodSync(join(fakeBin, 'node'), 0o755);
    const r = run('bash', [install, '--root', join(root, 'target'), '--yes', '--skip-npm'], {
      ...process.env,
      PATH: `${fakeBin}:${process.env.PATH}`,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Node.js 20 or newer is required (found 18.19.0)');
    expect(r.stderr).toMatch(/[\u0600-\u06FF]/);
    expect(existsSync(join(root, 'target'))).toBe(false);
  });

  it('rejects an unknown option and a non-numeric port', () => {
    const root = tempRoot();
    expect(run('bash', [install, '--root', root, '--frobnicate']).status).not.toBe(0);
    const r = run('bash', [install, '--root', root, '--yes', '--skip-npm', '--port', 'eighty']);
    expect(r.status).not.toBe(0);
    expect(existsSync(join(root, 'opt'))).toBe(false);
  });
});

describe('installers/linux/uninstall.sh (staged with --root)', () => {
  it('removes the app and unit, keeps settings and data unless --purge --yes', () => {
    const root = tempRoot();
    expect(run('bash', [install, '--root', root, '--yes', '--skip-npm']).status).toBe(0);
    writeFileSync(join(root, 'var/lib/hamgam/hamgam.db'), 'the shop database');

    const keep = run('bash', [uninstall, '--root', root]);
    expect(keep.status).toBe(0);
    expect(existsSync(join(root, 'opt/hamgam'))).toBe(false);
    expect(existsSync(join(root, 'etc/systemd/system/hamgam.service'))).toBe(false);
    expect(existsSync(join(root, 'etc/hamgam/hamgam.env'))).toBe(true);
    expect(existsSync(join(root, 'var/lib/hamgam/hamgam.db'))).toBe(true);

    // --purge without a terminal to confirm on, and without --yes: refuses and deletes nothing.
    const refused = run('bash', [uninstall, '--root', root, '--purge']);
    expect(refused.status).not.toBe(0);
    expect(existsSync(join(root, 'var/lib/hamgam/hamgam.db'))).toBe(true);

    expect(run('bash', [uninstall, '--root', root, '--purge', '--yes']).status).toBe(0);
    expect(existsSync(join(root, 'etc/hamgam'))).toBe(false);
    expect(existsSync(join(root, 'var/lib/hamgam'))).toBe(false);
  });
});

describe('installers/linux/install.sh --compose (staged with --root)', () => {
  const composeEnv = (root: string) =>
    parseSystemdEnv(readFileSync(join(root, 'etc/hamgam/compose.env'), 'utf8'));

  it('stages the sources for the image build, a 600 compose.env with new passwords, and the stack unit', () => {
    const root = tempRoot();
    const r = run('bash', [install, '--compose', '--root', root, '--yes', '--mahak-user', 'فروشگاه_کتاب']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const file of [
      'docker/compose.yml',
      'docker/Dockerfile',
      'core/cli.ts',
      'bin/hamgam.mjs',
      'package-lock.json',
    ])
      expect(existsSync(join(root, 'opt/hamgam', file)), file).toBe(true);
    expect(existsSync(join(root, 'opt/hamgam/renderer'))).toBe(true); // the image builds the desk
    expect(existsSync(join(root, 'opt/hamgam/node_modules'))).toBe(false);

    const env = composeEnv(root);
    expect(mode(join(root, 'etc/hamgam/compose.env'))).toBe('600');
    for (const key of ['POSTGRES_PASSWORD', 'RABBITMQ_PASSWORD', 'MINIO_ROOT_PASSWORD'])
      expect(env[key], key).toMatch(/^[0-9a-f]{32}$/);
    expect(env.HAMGAM_JWT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(env.HAMGAM_MAHAK_USER).toBe('فروشگاه_کتاب');
    expect(readlinkSync(join(root, 'opt/hamgam/docker/.env'))).toBe('/etc/hamgam/compose.env');

    const unit = parseUnit(readFileSync(join(root, 'etc/systemd/system/hamgam-compose.service'), 'utf8'));
    expect(unit.Service.WorkingDirectory).toEqual(['/opt/hamgam/docker']);
    expect(unit.Service.ExecStart).toEqual(['/usr/bin/docker compose up -d --build --remove-orphans']);
    expect(unit.Service.ExecStop).toEqual(['/usr/bin/docker compose down']);
    expect(unit.Unit.Requires).toEqual(['docker.service']);
    expect(existsSync(join(root, 'etc/systemd/system/hamgam.service'))).toBe(false);
  });

  it('is idempotent: a re-run keeps the passwords the volumes were made with and updates the given keys', () => {
    const root = tempRoot();
    expect(run('bash', [install, '--compose', '--root', root, '--yes']).status).toBe(0);
    const before = composeEnv(root);
    const again = run('bash', [
      install,
      '--compose',
      '--root',
      root,
      '--yes',
      '--mahak-password',
      'p@ss w"rd',
    ]);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const after = composeEnv(root);
    for (const key of ['POSTGRES_PASSWORD', 'RABBITMQ_PASSWORD', 'MINIO_ROOT_PASSWORD', 'HAMGAM_JWT_SECRET'])
      expect(after[key], key).toBe(before[key]);
    expect(after.HAMGAM_MAHAK_PASSWORD).toBe('p@ss w"rd');
    const keys = readFileSync(join(root, 'etc/hamgam/compose.env'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]);
    expect(keys.length).toBe(new Set(keys).size);
    expect(readlinkSync(join(root, 'opt/hamgam/docker/.env'))).toBe('/etc/hamgam/compose.env');
  });

  it('switches modes cleanly: one unit at a time', () => {
    const root = tempRoot();
    const units = () =>
      ['hamgam.service', 'hamgam-compose.service'].filter((u) =>
        existsSync(join(root, 'etc/systemd/system', u)),
      );
    expect(run('bash', [install, '--root', root, '--yes', '--skip-npm']).status).toBe(0);
    expect(units()).toEqual(['hamgam.service']);
    expect(run('bash', [install, '--compose', '--root', root, '--yes']).status).toBe(0);
    expect(units()).toEqual(['hamgam-compose.service']);
    expect(run('bash', [install, '--root', root, '--yes', '--skip-npm']).status).toBe(0);
    expect(units()).toEqual(['hamgam.service']);
  });

  it('refuses options the stack sets itself, and --purge without --uninstall', () => {
    const root = tempRoot();
    const r = run('bash', [install, '--compose', '--root', root, '--yes', '--db', 'postgres://x@y/z']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('HAMGAM_DB');
    expect(existsSync(join(root, 'opt'))).toBe(false);
    expect(run('bash', [install, '--root', root, '--yes', '--purge']).status).not.toBe(0);
    expect(existsSync(join(root, 'opt'))).toBe(false);
  });

  it('--uninstall removes the stack and its unit, keeps settings unless --purge --yes', () => {
    const root = tempRoot();
    expect(run('bash', [install, '--compose', '--root', root, '--yes']).status).toBe(0);
    const removed = run('bash', [install, '--uninstall', '--root', root]);
    expect(removed.status).toBe(0);
    expect(existsSync(join(root, 'opt/hamgam'))).toBe(false);
    expect(existsSync(join(root, 'etc/systemd/system/hamgam-compose.service'))).toBe(false);
    expect(existsSync(join(root, 'etc/hamgam/compose.env'))).toBe(true);
    // Again: nothing left to remove is not an error.
    expect(run('bash', [install, '--uninstall', '--root', root]).status).toBe(0);
    expect(run('bash', [install, '--uninstall', '--purge', '--root', root]).status).not.toBe(0);
    expect(existsSync(join(root, 'etc/hamgam/compose.env'))).toBe(true);
    expect(run('bash', [install, '--uninstall', '--purge', '--yes', '--root', root]).status).toBe(0);
    expect(existsSync(join(root, 'etc/hamgam'))).toBe(false);
  });
});
