import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseS3BlobUrl } from '../../core/blob/s3-blob-url.js';
import { configSchema, envNameOf } from '../../core/config/config-schema.js';
import { loadConfig } from '../../core/config/load-config.js';
import { dockerDir, interpolate, loadCompose, parseEnvFile, readRepoFile, repoRoot } from './docker-files.js';

const compose = loadCompose();
const composeText = readRepoFile('docker', 'compose.yml');
const envExampleText = readRepoFile('docker', '.env.example');
const envExample = parseEnvFile(envExampleText);
const configEnvNames = new Set(Object.keys(configSchema.shape).map(envNameOf));
// Read by load-config.ts itself, not a schema key.
const extraHamgamEnv = new Set(['HAMGAM_CONFIG']);

/** The environment the hamgam container gets: env_file (.env from the example), then `environment:`. */
function hamgamContainerEnv(): Record<string, string> {
  const env: Record<string, string> = { ...envExample };
  for (const [k, v] of Object.entries(compose.services.hamgam.environment ?? {}))
    env[k] = interpolate(String(v), envExample);
  return env;
}

describe('docker/compose.yml', () => {
  it('has exactly the four services, on the expected images', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['hamgam', 'minio', 'postgres', 'rabbitmq']);
    expect(compose.services.postgres.image).toBe('postgres:15');
    expect(compose.services.rabbitmq.image).toBe('rabbitmq:3-management');
    expect(compose.services.minio.image).toMatch(/^minio\/minio(:|$)/);
    expect(compose.services.minio.command).toBe('server /data --console-address :9001');
  });

  it("sizes PostgreSQL's cache from POSTGRES_SHARED_BUFFERS, with a default above PostgreSQL's own", () => {
    const command = compose.services.postgres.command as string[];
    expect(command.slice(0, 2)).toEqual(['postgres', '-c']);
    expect(interpolate(command[2], {})).toBe('shared_buffers=256MB');
    expect(interpolate(command[2], { POSTGRES_SHARED_BUFFERS: '2GB' })).toBe('shared_buffers=2GB');
  });

  it('gives postgres, rabbitmq and minio a healthcheck with their own probe', () => {
    const probe = (name: string) => (compose.services[name].healthcheck?.test ?? []).join(' ');
    expect(probe('postgres')).toMatch(/^CMD-SHELL pg_isready\b/);
    expect(probe('rabbitmq')).toMatch(/^CMD rabbitmq-diagnostics .*\bping$/);
    expect(probe('minio')).toMatch(/^CMD mc ready local$/);
    for (const name of ['postgres', 'rabbitmq', 'minio']) {
      const hc = compose.services[name].healthcheck!;
      expect(hc.interval, name).toMatch(/^\d+s$/);
      expect(hc.retries, name).toBeGreaterThan(0);
    }
  });

  it('keeps state in named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, mount] of [
      ['postgres', '/var/lib/postgresql/data'],
      ['rabbitmq', '/var/lib/rabbitmq'],
      ['minio', '/data'],
      ['hamgam', '/var/lib/hamgam'],
    ]) {
      const volume = (compose.services[name].volumes ?? []).find((v) => v.endsWith(`:${mount}`));
      expect(volume, name).toBeDefined();
      expect(declared).toContain(volume!.split(':')[0]);
    }
  });

  it('builds hamgam from the repo root and starts it only when the others are healthy', () => {
    const hamgam = compose.services.hamgam;
    expect(hamgam.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(existsSync(join(dockerDir, hamgam.build!.context, hamgam.build!.dockerfile))).toBe(true);
    expect(hamgam.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      rabbitmq: { condition: 'service_healthy' },
      minio: { condition: 'service_healthy' },
    });
    expect(hamgam.restart).toBe('unless-stopped');
    expect(hamgam.ports).toContain('8080:8080');
    expect(hamgam.env_file).toEqual(['.env']);
    for (const name of ['postgres', 'rabbitmq', 'minio'])
      expect(compose.services[name].restart).toBe('unless-stopped');
  });

  it('uses only HAMGAM_* variables that the config schema knows', () => {
    const used = new Set(composeText.match(/HAMGAM_[A-Z0-9_]+/g) ?? []);
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(configEnvNames.has(name) || extraHamgamEnv.has(name), name).toBe(true);
  });

  it('gives the container a configuration that loads: postgres, rabbitmq, minio by service name', () => {
    const config = loadConfig({ env: hamgamContainerEnv() });
    expect(config.db).toBe('postgres://hamgam:hamgam@postgres:5432/hamgam');
    expect(config.queue).toBe('amqp://hamgam:hamgam@rabbitmq:5672');
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
    expect(config.mahakUrl).toBe(envExample.HAMGAM_MAHAK_URL);
    expect(parseS3BlobUrl(config.blob)).toMatchObject({
      endPoint: 'minio',
      port: 9000,
      bucket: 'hamgam',
      accessKey: 'minioadmin',
    });
  });

  it('stops with a clear message when HAMGAM_MAHAK_URL is not set', () => {
    const mahakUrl = String(compose.services.hamgam.environment?.HAMGAM_MAHAK_URL);
    expect(() => interpolate(mahakUrl, {})).toThrow(/HAMGAM_MAHAK_URL/);
  });

  it('holds no secret but the documented defaults of .env.example', () => {
    // Every ${VAR} is documented in .env.example, and a ${VAR:-default} default equals the documented value.
    for (const [, name, op, fallback] of composeText.matchAll(/\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g)) {
      expect(envExampleText, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      if (op === ':-') expect(fallback, name).toBe(envExample[name]);
    }
    // Secret-looking settings and URL credentials are interpolations, never literals.
    for (const [service, def] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(def.environment ?? {})) {
        if (/PASS|SECRET|TOKEN|_KEY/.test(key))
          expect(String(value), `${service}.${key}`).toMatch(/^\$\{[A-Z0-9_]+(:-[^}]*)?\}$/);
        const credentials = /^[a-z]+:\/\/([^@/]*)@/.exec(String(value))?.[1];
        if (credentials)
          expect(credentials, `${service}.${key}`).toMatch(/^[a-z]*(\$\{[^}]+\})?:\$\{[^}]+\}$/);
      }
    }
    // The Mahak login and the token secret come from docker/.env only.
    expect(composeText).not.toMatch(/HAMGAM_(MAHAK_PASSWORD|MAHAK_USER|JWT_SECRET)/);
  });

  // `docker compose config` validates without an engine, but only when the compose plugin is
  // installed; this machine has the docker CLI without it, so the check runs where it exists.
  const composeCli = (() => {
    try {
      execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!composeCli)('passes `docker compose config -q`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-compose-'));
    try {
      cpSync(join(repoRoot, 'docker'), join(dir, 'docker'), { recursive: true });
      cpSync(join(dir, 'docker', '.env.example'), join(dir, 'docker', '.env'));
      execFileSync('docker', ['compose', '-f', join(dir, 'docker', 'compose.yml'), 'config', '-q'], {
        stdio: 'pipe',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docker/.env.example', () => {
  const lines = envExampleText.split('\n');
  const varLine =
    /^#? ?(HAMGAM_[A-Z0-9_]+|POSTGRES_PASSWORD|RABBITMQ_USER|RABBITMQ_PASSWORD|MINIO_ROOT_USER|MINIO_ROOT_PASSWORD)=/;

  it('lists every HAMGAM_* variable of the config schema', () => {
    const listed = new Set(lines.map((l) => varLine.exec(l)?.[1]).filter(Boolean));
    for (const name of [...configEnvNames, ...extraHamgamEnv]) {
      expect(listed.has(name), `${name}: document it in docker/.env.example (English + Persian)`).toBe(true);
    }
    for (const name of listed)
      if (name!.startsWith('HAMGAM_'))
        expect(configEnvNames.has(name!) || extraHamgamEnv.has(name!), name).toBe(true);
  });

  it('explains each variable in English and in Persian', () => {
    lines.forEach((line, i) => {
      const name = varLine.exec(line)?.[1];
      if (!name) return;
      let start = i;
      while (start > 0 && lines[start - 1].startsWith('#') && !varLine.test(lines[start - 1])) start--;
      if (start === i) while (start > 0 && varLine.test(lines[start - 1])) start--; // a group shares one comment
      while (start > 0 && lines[start - 1].startsWith('#') && !varLine.test(lines[start - 1])) start--;
      const comment = lines.slice(start, i).join('\n');
      expect(comment, name).toMatch(/[A-Za-z]{4,}/);
      expect(comment, name).toMatch(/[\u0600-\u06FF]{3,}/);
    });
  });

  it('is a valid env file whose active values load as configuration', () => {
    for (const line of lines)
      if (line.trim() && !line.startsWith('#')) expect(line).toMatch(/^[A-Z][A-Z0-9_]*=/);
    expect(() => loadConfig({ env: envExample })).not.toThrow();
  });
});
