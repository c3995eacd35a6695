import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { liveConfig } from './live-config.js';
import type { LiveSettings } from './runtime-settings.js';

describe('liveConfig', () => {
  it('reads the desk settings on each access and everything else as frozen at start', () => {
    const base = loadConfig({ env: {}, overrides: { port: 9090 } });
    let current: LiveSettings = { ...base, sellPriceLevel: 2 };
    const config = liveConfig(base, () => current);
    expect(config.sellPriceLevel).toBe(2);
    current = { ...current, sellPriceLevel: 5, storeId: 3 };
    expect([config.sellPriceLevel, config.storeId, config.port]).toEqual([5, 3, 9090]);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });
});
