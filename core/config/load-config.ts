import { existsSync, readFileSync } from 'node:fs';
import { HamgamError } from '../errors.js';
import { configSchema, envNameOf, type Config } from './config-schema.js';

const configKeys = Object.keys(configSchema.shape);

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults of one face (e.g. demo mode's quieter log level); file and env still win over them. */
  defaults?: Record<string, unknown>;
  /** Explicit overrides from the command line; they win over everything. */
  overrides?: Record<string, unknown>;
  /** Who set the overrides: the command line (default) or a face that fixes them (`hamgam demo`). */
  overrideSource?: 'cli' | 'demo';
}

/** Where a key's value came from when something other than a default set it. */
export interface ConfigSource {
  source: 'file' | 'env' | 'cli' | 'demo';
  /** The env var (HAMGAM_MAHAK_URL), the config file's path, or the key / face name. */
  name: string;
}

export type ConfigSources = Readonly<Partial<Record<string, ConfigSource>>>;

// Beside the frozen config rather than in it, so Config stays exactly the validated schema.
const sourcesByConfig = new WeakMap<Config, ConfigSources>();

/**
 * Keys set by the config file, HAMGAM_* env or the command line. Settings kept in the database
 * (core/settings) never override these; the desk shows them as locked. Empty for a config not made by
 * loadConfig (tests building one by hand).
 */
export function configSourcesOf(config: Config): ConfigSources {
  return sourcesByConfig.get(config) ?? {};
}

/**
 * defaults (schema, then the face's) -> optional config file (JSON, `HAMGAM_CONFIG` or ./hamgam.config.json) -> HAMGAM_* env ->
 * overrides. Validated once, frozen. A bad value throws CONFIG_INVALID listing every bad key.
 * This is the only module that reads process.env (STYLE.md rule 4).
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = readConfigFile(env.HAMGAM_CONFIG);
  const merged: Record<string, unknown> = { ...dropUndefined(options.defaults ?? {}), ...file.values };
  const sources: Record<string, ConfigSource> = {};
  for (const key of Object.keys(file.values)) sources[key] = { source: 'file', name: file.path };
  for (const key of configKeys) {
    const value = env[envNameOf(key)];
    if (value !== undefined && value !== '') {
      merged[key] = value;
      sources[key] = { source: 'env', name: envNameOf(key) };
    }
  }
  const overrides = dropUndefined(options.overrides ?? {});
  Object.assign(merged, overrides);
  const by = options.overrideSource ?? 'cli';
  for (const key of Object.keys(overrides))
    sources[key] = { source: by, name: by === 'demo' ? 'hamgam demo' : key };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = i.path.length ? String(i.path[0]) : ((i as { keys?: string[] }).keys?.join(',') ?? '?');
      return { key, env: configKeys.includes(key) ? envNameOf(key) : key, problem: i.message };
    });
    throw new HamgamError(
      'CONFIG_INVALID',
      'Invalid configuration: ' + problems.map((p) => `${p.env}: ${p.problem}`).join('; '),
      problems,
    );
  }
  const config = Object.freeze(parsed.data);
  sourcesByConfig.set(config, Object.freeze(sources));
  return config;
}

function readConfigFile(explicitPath: string | undefined): { path: string; values: Record<string, unknown> } {
  const path = explicitPath ?? './hamgam.config.json';
  if (!existsSync(path)) {
    if (explicitPath)
      throw new HamgamError('CONFIG_INVALID', `Config file not found: ${path}`, [{ key: 'HAMGAM_CONFIG' }]);
    return { path, values: {} };
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return { path, values: dropUndefined(parsed as Record<string, unknown>) };
  } catch (e) {
    throw new HamgamError(
      'CONFIG_INVALID',
      `Config file ${path} is not a JSON object: ${(e as Error).message}`,
    );
  }
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
