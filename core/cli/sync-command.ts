import { createApp } from '../create-app.js';
import type { CliCommand } from './command.js';
import { configWith, progressPrinter } from './cli-support.js';

export const command: CliCommand = {
  name: 'sync',
  summary: 'one pull from Mahak into the store, with progress on the terminal',
  options: { db: { type: 'string' }, 'mahak-url': { type: 'string' }, quiet: { type: 'boolean' } },
  async run(values) {
    const { config, logger } = configWith({ db: values.db, mahakUrl: values['mahak-url'] });
    const app = await createApp(config, logger);
    if (!values.quiet) app.engine.events.on(progressPrinter());
    try {
      // A puller that crashed keeps its lease until it expires; a one-shot sync waits that out.
      const run = await app.engine.pullNow({ waitForLockMs: (config.lockTtlSeconds + 5) * 1000 });
      console.log(
        `pull ${run.status} in ${((run.finishedAt ?? Date.now()) - run.startedAt) / 1000}s: ${JSON.stringify(run.stats)}`,
      );
      return run.status === 'ok' ? 0 : 1;
    } finally {
      await app.close();
    }
  },
};
