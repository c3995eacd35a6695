import { parseArgs } from 'node:util';
import type { Config } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { createLogger } from '../logging/pino-logger.js';
import type { SyncEvent } from '../sync/sync-events.js';
import type { CliCommand } from './command.js';

type OptionValues = Record<string, string | boolean | undefined>;

/**
 * The built-in defaults of the options the command line did NOT give, by option name (set by
 * parseCommandLine; one command runs per process). configWith uses them to tell a value the user typed
 * from one the command merely defaulted.
 */
let defaultedOptions: OptionValues = {};

/**
 * Parses a command's arguments. Option defaults are applied here rather than by parseArgs, so that
 * which values were typed and which were defaulted is known: a defaulted option that sets a config key
 * (the option named as the key in kebab case: --db -> db, --mahak-url -> mahakUrl) is only a default,
 * and an environment variable or the config file beats it (configWith).
 */
export function parseCommandLine(
  command: Pick<CliCommand, 'options'>,
  args: string[],
): { values: OptionValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, { default: _default, ...spec }]) => [name, spec]),
  );
  const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  const values = { ...(parsed.values as OptionValues) };
  defaultedOptions = {};
  for (const [name, spec] of Object.entries(command.options)) {
    if (values[name] !== undefined || spec.default === undefined) continue;
    values[name] = spec.default;
    defaultedOptions[name] = spec.default;
  }
  return { values, positionals: parsed.positionals };
}

const kebab = (key: string): string => key.replace(/([A-Z])/g, '-$1').toLowerCase();

/**
 * Config from the layers, lowest first: schema defaults, the command's built-in `defaults` (and the
 * defaults of options not typed), the config file, HAMGAM_* env, then `overrides` — the values typed on
 * the command line. So an environment variable beats every built-in default of every command (e.g.
 * HAMGAM_DB beats demo's --db default), and only what the user typed beats the environment.
 */
export function configWith(
  overrides: Record<string, unknown>,
  defaults: Record<string, unknown> = {},
  env?: NodeJS.ProcessEnv,
  /** Who the overrides come from: the command line, or a face that fixes them (`hamgam demo`). */
  overrideSource: 'cli' | 'demo' = 'cli',
): { config: Config; logger: Logger } {
  const typed: Record<string, unknown> = {};
  const builtIn: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const fallback = defaultedOptions[kebab(key)];
    if (value !== undefined && fallback !== undefined && String(value) === String(fallback))
      builtIn[key] = value;
    else typed[key] = value;
  }
  const config = loadConfig({ overrides: typed, defaults: builtIn, env, overrideSource });
  return { config, logger: createLogger(config.logLevel) };
}

/** Resolves on the first SIGINT/SIGTERM so long-running commands can close cleanly. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** A progress line per entity on the terminal while a pull runs. */
export function progressPrinter(out: NodeJS.WriteStream = process.stderr): (event: SyncEvent) => void {
  const fetched = new Map<string, number>();
  const applied = new Map<string, number>();
  return (event) => {
    if (event.type === 'page-fetched')
      fetched.set(event.entity, (fetched.get(event.entity) ?? 0) + event.records);
    if (event.type === 'page-applied')
      applied.set(event.entity, (applied.get(event.entity) ?? 0) + event.changed);
    if (event.type === 'page-fetched' || event.type === 'page-applied') {
      const entity = event.entity;
      const line = `  ${entity.padEnd(26)} fetched ${String(fetched.get(entity) ?? 0).padStart(8)}  changed ${String(applied.get(entity) ?? 0).padStart(8)}`;
      if (out.isTTY) out.write(`\r${line}`);
      else if (event.type === 'page-applied') out.write(`${line}\n`);
    }
    if (event.type === 'run-finished' && out.isTTY) out.write('\n');
  };
}

export const intOption = (value: string | boolean | undefined, name: string): number | undefined => {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
};
