import { createApp } from '../create-app.js';
import { startMahakSim } from '../mahak-sim/index.js';
import type { CliCommand } from './command.js';
import { configWith, intOption, progressPrinter, untilSignal } from './cli-support.js';

/**
 * `hamgam demo` (what `npm start` runs): the Mahak simulator with a seeded Persian catalogue, the
 * engine on the embedded defaults (SQLite, local queue, local blobs) and the server, pulling every
 * minute. Nothing else to install.
 */
export const command: CliCommand = {
  name: 'demo',
  summary: 'simulator + engine + server on the embedded defaults (npm start)',
  options: {
    products: { type: 'string', default: '3000' },
    port: { type: 'string' },
    'sim-port': { type: 'string', default: '0' },
    db: { type: 'string', default: 'sqlite:./data/demo.db' },
  },
  async run(values) {
    const products = intOption(values.products, 'products') ?? 3000;
    const sim = await startMahakSim({
      port: intOption(values['sim-port'], 'sim-port') ?? 0,
      products,
      seed: 1404,
    });
    // The demo always talks to its own simulator (forced); everything else is a default the environment
    // or config file may change. The terminal shows the URLs and the pull's progress; logs stay at warn.
    const { config, logger } = configWith(
      {
        db: values.db,
        port: values.port,
        mahakUrl: sim.syncUrl,
        mahakUser: 'demo',
        mahakPassword: 'demo',
        demo: true,
      },
      { logLevel: 'warn', blob: 'file:./data/demo-blobs', pullSchedule: '*/1 * * * *' },
    );
    const app = await createApp(config, logger, { server: true, schedule: true });
    const address = await app.server!.listen({ host: config.host, port: config.port });
    printUrls(address, sim.origin, products);
    app.engine.events.on(progressPrinter());
    app.engine.pullNow().catch((e: unknown) => logger.error({ err: e }, 'first pull failed'));
    await untilSignal();
    await app.close();
    await sim.close();
    return 0;
  },
};

function printUrls(address: string, simOrigin: string, products: number): void {
  console.log(`
Hamgam demo (همگام — حالت نمایشی)
  storefront API   ${address}/api/v1/products
  categories       ${address}/api/v1/categories
  API docs         ${address}/docs
  health / ready   ${address}/health  ${address}/ready
  metrics          ${address}/metrics
  Mahak simulator  ${simOrigin}/API/v3/Sync  (user demo / password demo, ${products} products)
  simulator desk   ${simOrigin}/__sim/
The catalogue is pulled now and then every minute. Ctrl+C stops.
`);
}
