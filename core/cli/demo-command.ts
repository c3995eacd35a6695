import { createApp } from '../create-app.js';
import { isHamgamError } from '../errors.js';
import { startMahakSim } from '../mahak-sim/index.js';
import type { CliCommand } from './command.js';
import { configWith, intOption, progressPrinter, untilSignal } from './cli-support.js';
import { buildDeskIfMissing, deskNotBuiltHint } from './desk-build.js';

/**
 * `hamgam demo` (what `npm start` runs): the Mahak simulator with a seeded Persian catalogue, the
 * engine on the embedded defaults (SQLite, local queue, local blobs) and the server with the desk,
 * pulling every minute. Nothing else to install. --db / --blob (the browser tests' temp files) win
 * over HAMGAM_DB / HAMGAM_BLOB, which win over the demo's own files under ./data.
 */
export const command: CliCommand = {
  name: 'demo',
  summary: 'simulator + engine + server + desk on the embedded defaults (npm start)',
  options: {
    products: { type: 'string', default: '3000' },
    port: { type: 'string' },
    'sim-port': { type: 'string', default: '0' },
    db: { type: 'string', default: 'sqlite:./data/demo.db' },
    blob: { type: 'string' },
    'no-ui': { type: 'boolean' },
  },
  async run(values) {
    const products = intOption(values.products, 'products') ?? 3000;
    const sim = await startMahakSim({
      port: intOption(values['sim-port'], 'sim-port') ?? 0,
      products,
      seed: 1404,
    });
    // The demo always talks to its own simulator (forced, shown locked in the desk: its port changes
    // every run); everything else is a default the environment, config file or the desk's settings may
    // change. The terminal shows the URLs and the pull's progress; logs stay at warn.
    const { config, logger } = configWith(
      {
        db: values.db,
        blob: values.blob,
        port: values.port,
        mahakUrl: sim.syncUrl,
        mahakUser: 'demo',
        mahakPassword: 'demo',
        demo: true,
        ...(values['no-ui'] ? { ui: false } : {}),
      },
      { logLevel: 'warn', blob: 'file:./data/demo-blobs', pullSchedule: '*/1 * * * *' },
      undefined,
      'demo',
    );
    const deskReady = !config.ui || buildDeskIfMissing();
    const app = await createApp(config, logger, { server: true, schedule: true });
    const address = await app.server!.listen({ host: config.host, port: config.port });
    printUrls({ address, simOrigin: sim.origin, products, ui: config.ui, deskReady });
    app.engine.events.on(progressPrinter());
    app.engine.pullNow().catch((e: unknown) => {
      // Ctrl+C during the first pull stops it between requests: the next start resumes, nothing failed.
      if (isHamgamError(e) && e.code === 'PULL_INTERRUPTED')
        logger.info({}, 'first pull stopped by shutdown');
      else logger.error({ err: e }, 'first pull failed');
    });
    await untilSignal();
    await app.close();
    await sim.close();
    return 0;
  },
};

interface UrlsToPrint {
  address: string;
  simOrigin: string;
  products: number;
  ui: boolean;
  deskReady: boolean;
}

/** The desk comes first: it is what a newcomer should open (test/desk/desk-harness.ts reads this line). */
function printUrls({ address, simOrigin, products, ui, deskReady }: UrlsToPrint): void {
  const desk = ui
    ? `  desk             ${address}/   (sign in: admin / admin1234)\n${deskReady ? '' : `  ${deskNotBuiltHint}\n`}`
    : '';
  console.log(`
Hamgam demo (همگام — حالت نمایشی)
${desk}  storefront API   ${address}/api/v1/products
  categories       ${address}/api/v1/categories
  API docs         ${address}/docs
  health / ready   ${address}/health  ${address}/ready
  metrics          ${address}/metrics
  Mahak simulator  ${simOrigin}/API/v3/Sync  (user demo / password demo, ${products} products)
  simulator desk   ${simOrigin}/__sim/
The catalogue is pulled now and then every minute. There is no SMS provider in demo mode: the codes
for registration and sign-in are written to this log ("sms (development driver, not sent)").
Ctrl+C stops.
`);
}
