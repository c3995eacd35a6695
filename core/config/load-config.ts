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
}

/**
 * defaults (schema, then the face's) -> optional config file (JSON, `HAMGAM_CONFIG` or ./hamgam.config.json) -> HAMGAM_* env ->
 * overrides. Validated once, frozen. A bad value throws CONFIG_INVALID listing every bad key.
 * This is the only module that reads process.env (STYLE.md rule 4).
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const merged: Record<string, unknown> = {
    ...dropUndefined(options.defaults ?? {}),
    ...readConfigFile(env.HAMGAM_CONFIG),
  };
  for (const key of configKeys) {
    const value = env[envNameOf(key)];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  Object.assign(merged, dropUndefined(options.overrides ?? {}));
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
  return Object.freeze(parsed.data);
}

function readConfigFile(explicitPath: string | undefined): Record<string, unknown> {
  const path = explicitPath ?? './hamgam.config.json';
  if (!existsSync(path)) {
    if (explicitPath)
      throw new HamgamError('CONFIG_INVALID', `Config file not found: ${path}`, [{ key: 'HAMGAM_CONFIG' }]);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
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
