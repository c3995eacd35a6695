import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { envNameOf } from './config-schema.js';
import { configSourcesOf, loadConfig } from './load-config.js';

const configError = (env: NodeJS.ProcessEnv): HamgamError => {
  try {
    loadConfig({ env });
  } catch (e) {
    return e as HamgamError;
  }
  throw new Error('expected CONFIG_INVALID');
};

describe('loadConfig', () => {
  it('has embedded defaults that need no server', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      db: 'sqlite:./data/hamgam.db',
      queue: 'local',
      port: 8080,
      host: '127.0.0.1',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads HAMGAM_* env over the config file over the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-config-'));
    const file = join(dir, 'hamgam.json');
    writeFileSync(file, JSON.stringify({ port: 9000, sellPriceLevel: 3 }));
    const config = loadConfig({ env: { HAMGAM_CONFIG: file, HAMGAM_PORT: '9100' }, defaults: { port: 1 } });
    expect(config.port).toBe(9100);
    expect(config.sellPriceLevel).toBe(3);
  });

  it('lists every bad key at once, by its env name', () => {
    const err = configError({ HAMGAM_PORT: 'eighty', HAMGAM_DB: 'mysql://x', HAMGAM_SELL_PRICE_LEVEL: '11' });
    expect(err.code).toBe('CONFIG_INVALID');
    const keys = (err.details as { env: string }[]).map((d) => d.env).sort();
    expect(keys).toEqual(['HAMGAM_DB', 'HAMGAM_PORT', 'HAMGAM_SELL_PRICE_LEVEL']);
  });

  it('rejects unknown keys in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-config-'));
    const file = join(dir, 'hamgam.json');
    writeFileSync(file, JSON.stringify({ prot: 8080 }));
    expect(configError({ HAMGAM_CONFIG: file }).code).toBe('CONFIG_INVALID');
  });

  it('names env variables after the keys', () => {
    expect(envNameOf('mahakDatabaseId')).toBe('HAMGAM_MAHAK_DATABASE_ID');
  });

  it('remembers which keys the config file, env and command line set (the desk shows them locked)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-cfg-'));
    const file = join(dir, 'hamgam.config.json');
    writeFileSync(file, JSON.stringify({ sellPriceLevel: 2, mahakUser: 'from-file' }));
    const config = loadConfig({
      env: { HAMGAM_CONFIG: file, HAMGAM_MAHAK_USER: 'from-env' },
      defaults: { pullSchedule: '*/1 * * * *' },
      overrides: { mahakUrl: 'http://127.0.0.1:1/API/v3/Sync' },
      overrideSource: 'demo',
    });
    expect(config).toMatchObject({ sellPriceLevel: 2, mahakUser: 'from-env', pullSchedule: '*/1 * * * *' });
    expect(configSourcesOf(config)).toEqual({
      sellPriceLevel: { source: 'file', name: file },
      mahakUser: { source: 'env', name: 'HAMGAM_MAHAK_USER' },
      mahakUrl: { source: 'demo', name: 'hamgam demo' },
    });
  });
});
