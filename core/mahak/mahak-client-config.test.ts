import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createSilentLogger } from '../logging/pino-logger.js';
import { mahakClientOptionsFromConfig } from './mahak-client-config.js';

describe('mahakClientOptionsFromConfig', () => {
  it('maps the mahak* config keys', () => {
    const config = loadConfig({
      env: {},
      overrides: {
        mahakUrl: 'http://mahak.local/API/v3/Sync',
        mahakUser: 'shop',
        mahakPassword: 'رمز',
        mahakApiVersion: 'v2',
        mahakTimeoutMs: 1234,
        mahakDatabaseId: 5,
      },
    });
    const opts = mahakClientOptionsFromConfig(config, createSilentLogger());
    expect(opts).toMatchObject({
      baseUrl: 'http://mahak.local/API/v3/Sync',
      user: 'shop',
      password: 'رمز',
      apiVersion: 'v2',
      timeoutMs: 1234,
      databaseId: 5,
    });
  });
});
