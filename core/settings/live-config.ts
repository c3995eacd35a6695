import type { Config } from '../config/config-schema.js';
import type { LiveSettings } from './runtime-settings.js';
import { settingKeys } from './runtime-settings.js';

/**
 * The config the services are given: every key as validated and frozen at start, except the desk's
 * settings, which are read from the runtime holder on each access. Services that read
 * `config.sellPriceLevel` (or storeId, mahakPersonGroupId...) when they act, rather than once at
 * construction, therefore follow a change made in the desk without a restart. Spreading this object
 * takes a snapshot, so hand the object itself on.
 */
export function liveConfig(base: Config, current: () => Readonly<LiveSettings>): Config {
  const view: Record<string, unknown> = {};
  const live = new Set<string>(settingKeys);
  for (const [key, value] of Object.entries(base)) {
    if (!live.has(key)) Object.defineProperty(view, key, { value, enumerable: true });
  }
  for (const key of settingKeys) {
    Object.defineProperty(view, key, { get: () => current()[key], enumerable: true });
  }
  return Object.freeze(view) as Config;
}
