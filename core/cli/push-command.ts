import { createApp } from '../create-app.js';
import type { CliCommand } from './command.js';
import { configWith, intOption, untilSignal } from './cli-support.js';

export const command: CliCommand = {
  name: 'push',
  summary: 'send waiting web orders and customers to Mahak (once, or --loop until stopped)',
  options: {
    db: { type: 'string' },
    'mahak-url': { type: 'string' },
    loop: { type: 'boolean' },
    'interval-ms': { type: 'string' },
  },
  async run(values) {
    const { config, logger } = configWith({ db: values.db, mahakUrl: values['mahak-url'] });
    const app = await createApp(config, logger);
    try {
      if (!values.loop) {
        const run = await app.push.worker.runOnce();
        console.log(run ? `push ${run.status}: ${JSON.stringify(run.stats)}` : 'push: nothing due');
        return run === undefined || run.status === 'ok' ? 0 : 1;
      }
      const interval = intOption(values['interval-ms'], 'interval-ms') ?? 1000;
      let stop = false;
      void untilSignal().then(() => (stop = true));
      while (!stop) {
        await app.push.worker.runOnce().catch((e: unknown) => logger.warn({ err: e }, 'push run failed'));
        await new Promise((r) => setTimeout(r, interval));
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};
