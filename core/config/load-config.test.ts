import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { envNameOf } from './config-schema.js';
import { loadConfig } from './load-config.js';

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
});
