import type { Config } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { createLogger } from '../logging/pino-logger.js';
import type { SyncEvent } from '../sync/sync-events.js';

/** Config from defaults, file and env, with command-line overrides on top. */
export function configWith(
  overrides: Record<string, unknown>,
  defaults: Record<string, unknown> = {},
): { config: Config; logger: Logger } {
  const config = loadConfig({ overrides, defaults });
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
