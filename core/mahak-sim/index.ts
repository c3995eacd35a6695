import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { createSilentLogger } from '../logging/pino-logger.js';
import { SimControl } from './sim-control.js';
import { SimEngine } from './sim-engine.js';
import { buildSimServer } from './sim-server.js';

export { SimControl, type SimBooks } from './sim-control.js';
export type { SimSettings } from './sim-engine.js';
export type { FaultRule, FaultKind, ActiveFault } from './sim-faults.js';
export type { DeskAction, DeskResult, NewProduct, NewPerson } from './sim-desk-actions.js';
export type { EntityName } from './sim-entities.js';
export type { SimRow } from './sim-row.js';
export { md5Hex } from './sim-auth.js';
export { ROW_VERSION_START } from './catalogue-generator.js';

export interface MahakSimOptions {
  host?: string;
  /** 0 = a random free port. */
  port?: number;
  products?: number;
  /** Customers in the base catalogue; default products / 10, between 20 and 20,000. */
  people?: number;
  seed?: number;
  user?: string;
  password?: string;
  databaseId?: number;
  visitorId?: number;
  /** Token lifetime (ms); default 24 h. */
  tokenTtlMs?: number;
  logger?: Logger;
}

export interface MahakSim {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** origin + '/API/v3/Sync' */
  syncUrl: string;
  control: SimControl;
  close(): Promise<void>;
}

export const simDefaults = {
  host: '127.0.0.1',
  port: 0,
  products: 200,
  seed: 1403,
  user: 'demo',
  password: 'demo',
  databaseId: 1,
  visitorId: 7,
};

/**
 * Start a Mahak cloud Sync API simulator (API.md §8) on a real HTTP port. The base catalogue is procedural,
 * so even 1,000,000 products start in well under a second.
 */
export async function startMahakSim(options: MahakSimOptions = {}): Promise<MahakSim> {
  const o = { ...simDefaults, ...stripUndefined(options) };
  const logger = (options.logger ?? createSilentLogger()).child({ component: 'mahak-sim' });
  const engine = new SimEngine({
    seed: o.seed,
    products: o.products,
    people: options.people,
    user: o.user,
    password: o.password,
    databaseId: o.databaseId,
    visitorId: o.visitorId,
    userTitle: 'فروشگاه اینترنتی همگام',
    tokenTtlMs: options.tokenTtlMs,
  });
  const control = new SimControl(engine);
  const app = await buildSimServer(engine, control, logger);
  await app.listen({ host: o.host, port: o.port });
  const { port } = app.server.address() as AddressInfo;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host === '0.0.0.0' ? '127.0.0.1' : o.host;
  const origin = `http://${host}:${port}`;
  logger.info({ origin, products: o.products, seed: o.seed }, 'mahak-sim listening');
  return { origin, syncUrl: `${origin}/API/v3/Sync`, control, close: () => app.close() };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
