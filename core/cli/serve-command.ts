import { createApp } from '../create-app.js';
import type { CliCommand } from './command.js';
import { configWith, untilSignal } from './cli-support.js';
import { deskIsBuilt, deskNotBuiltHint } from './desk-build.js';

export const command: CliCommand = {
  name: 'serve',
  summary: 'headless server: storefront API, admin API, desk at /, scheduled sync',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    db: { type: 'string' },
    'no-ui': { type: 'boolean' },
  },
  async run(values) {
    const { config, logger } = configWith({
      host: values.host,
      port: values.port,
      db: values.db,
      ...(values['no-ui'] ? { ui: false } : {}),
    });
    const app = await createApp(config, logger, { server: true, schedule: true });
    const address = await app.server!.listen({ host: config.host, port: config.port });
    const desk = config.ui ? `desk: ${address}/, ` : '';
    console.log(
      `Hamgam is serving on ${address}  (${desk}docs: ${address}/docs, metrics: ${address}/metrics)`,
    );
    if (config.ui && !deskIsBuilt()) console.log(deskNotBuiltHint);
    await untilSignal();
    await app.close();
    return 0;
  },
};
