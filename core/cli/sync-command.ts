import type { Config } from '../config/config-schema.js';
import { createApp, type App } from '../create-app.js';
import type { CliCommand } from './command.js';
import { configWith, progressPrinter } from './cli-support.js';

/**
 * A one-shot pull-type command: the app without its server, progress on the terminal unless --quiet,
 * closed whatever happens. `sync` and `reconcile` differ only in what they run.
 */
export function pullCommand(
  name: string,
  summary: string,
  run: (app: App, config: Config) => Promise<number>,
): CliCommand {
  return {
    name,
    summary,
    options: { db: { type: 'string' }, 'mahak-url': { type: 'string' }, quiet: { type: 'boolean' } },
    async run(values) {
      const { config, logger } = configWith({ db: values.db, mahakUrl: values['mahak-url'] });
      const app = await createApp(config, logger);
      if (!values.quiet) app.engine.events.on(progressPrinter());
      try {
        return await run(app, config);
      } finally {
        await app.close();
      }
    },
  };
}

/** A puller that crashed keeps its lease until it expires; a one-shot command waits that out. */
export const crashedLeaseWaitMs = (config: Config): number => (config.lockTtlSeconds + 5) * 1000;

export const command = pullCommand(
  'sync',
  'one pull from Mahak into the store, with progress on the terminal',
  async (app, config) => {
    const run = await app.engine.pullNow({ waitForLockMs: crashedLeaseWaitMs(config) });
    console.log(
      `pull ${run.status} in ${((run.finishedAt ?? Date.now()) - run.startedAt) / 1000}s: ${JSON.stringify(run.stats)}`,
    );
    return run.status === 'ok' ? 0 : 1;
  },
);
