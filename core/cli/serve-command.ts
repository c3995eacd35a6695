import { createApp } from '../create-app.js';
import type { CliCommand } from './command.js';
import { configWith, untilSignal } from './cli-support.js';

export const command: CliCommand = {
  name: 'serve',
  summary: 'headless server: storefront API, admin API, scheduled sync',
  options: { host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' } },
  async run(values) {
    const { config, logger } = configWith({ host: values.host, port: values.port, db: values.db });
    const app = await createApp(config, logger, { server: true, schedule: true });
    const address = await app.server!.listen({ host: config.host, port: config.port });
    console.log(`Hamgam is serving on ${address}  (docs: ${address}/docs, metrics: ${address}/metrics)`);
    await untilSignal();
    await app.close();
    return 0;
  },
};
