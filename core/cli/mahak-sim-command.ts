import { startMahakSim, simDefaults } from '../mahak-sim/index.js';
import { createLogger } from '../logging/pino-logger.js';
import type { CliCommand } from './command.js';
import { intOption, untilSignal } from './cli-support.js';

/** `hamgam mahak-sim`: a Mahak cloud Sync API simulator on its own, until Ctrl+C. */
export const command: CliCommand = {
  name: 'mahak-sim',
  summary: 'run a Mahak Sync API simulator with a seeded Persian catalogue',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    products: { type: 'string' },
    people: { type: 'string' },
    seed: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    'database-id': { type: 'string' },
    'visitor-id': { type: 'string' },
    verbose: { type: 'boolean' },
  },
  async run(values) {
    const started = Date.now();
    const sim = await startMahakSim({
      host: typeof values.host === 'string' ? values.host : undefined,
      port: intOption(values.port, 'port') ?? 5080,
      products: intOption(values.products, 'products'),
      people: intOption(values.people, 'people'),
      seed: intOption(values.seed, 'seed'),
      user: typeof values.user === 'string' ? values.user : undefined,
      password: typeof values.password === 'string' ? values.password : undefined,
      databaseId: intOption(values['database-id'], 'database-id'),
      visitorId: intOption(values['visitor-id'], 'visitor-id'),
      logger: createLogger(values.verbose ? 'debug' : 'warn'),
    });
    const info = sim.control.info();
    console.log(`Mahak simulator ready in ${Date.now() - started} ms`);
    console.log(`  sync API:    ${sim.syncUrl}   (POST Login, GetAllData, SaveAllData, ...)`);
    console.log(
      `  control API: ${sim.origin}/__sim   (GET /__sim/stats, /__sim/books, POST /__sim/faults, ...)`,
    );
    console.log(`  pictures:    ${sim.origin}/Content/Images/all/pic-1.png`);
    console.log(
      `  login:       user "${info.user}", password "${typeof values.password === 'string' ? values.password : simDefaults.password}" (sent as MD5 hex), databaseId ${info.databaseId}, visitor ${info.visitorId}`,
    );
    console.log(
      `  catalogue:   ${info.products} products, ${info.productDetails} details, ${info.stores} stores, ${info.people} people (seed ${info.seed})`,
    );
    const signal = await untilSignal();
    console.log(`\n${signal}: stopping the simulator`);
    await sim.close();
    return 0;
  },
};
