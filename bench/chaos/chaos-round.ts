import { createSilentLogger } from '../../core/logging/pino-logger.js';
import type { SimSettings } from '../../core/mahak-sim/sim-engine.js';
import type { FaultRule } from '../../core/mahak-sim/sim-faults.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { startSimProcess } from '../sim-process.js';
import { checkBooks } from './chaos-books.js';
import type { PhaseReport, RoundContext } from './chaos-context.js';
import { seededRandom, type ChaosOptions, type ChaosStack } from './chaos-options.js';
import { pullPhase } from './chaos-pull.js';
import { pushPhase } from './chaos-push.js';
import { compareCatalogue } from './chaos-referee.js';
import { openRoundStore, stopOnAbort, type StackServices } from './chaos-services.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SimRemote } from './sim-remote.js';

export interface RoundReport {
  stack: ChaosStack;
  round: number;
  seed: number;
  paging: string;
  pull: PhaseReport;
  push: PhaseReport;
  /** The pull after the push that brings the invoices' stock and the new customers back. */
  catchUp: PhaseReport;
  rowsCompared: number;
  invoices: number;
  problems: string[];
  totalMs: number;
  /** Where the round's store was kept because something was wrong. */
  keptStore?: string;
}

/** What a whole run shares between its rounds. */
export interface RunResources {
  /** The private PostgreSQL + RabbitMQ, when the run has a postgres stack. */
  services?: StackServices;
  /** Worker logs go to `<logDir>/<stack>-r<round>/`. */
  logDir: string;
}

/**
 * The issue 8 misbehaviours, one paging quirk per round in turn (each makes the pull fall back or
 * re-read differently), on top of a busy database-wide counter and repeated ClientIds accepted as new
 * invoices. The simulator's own page limit is lowered so a pull that falls back to no pageSize gets
 * pages of 2,000 rows an entity, not 50,000 (thirteen entities of those in one answer would not fit a
 * client timeout on a loaded machine).
 */
const pagingQuirks: { name: string; settings: Partial<SimSettings>; pageRows: number }[] = [
  {
    name: 'shuffled pages, inclusive cursor',
    settings: { pageOrder: 'shuffled', cursorMode: 'inclusive' },
    pageRows: 2000,
  },
  {
    name: 'pageSize ignored, inclusive cursor',
    settings: { pageSizeHonoured: false, cursorMode: 'inclusive' },
    pageRows: 2000,
  },
  { name: 'server page cap 400', settings: { pageRowCap: 400 }, pageRows: 400 },
];
const honest: Partial<SimSettings> = {
  pageOrder: 'rowVersion',
  cursorMode: 'exclusive',
  pageSizeHonoured: true,
  pageRowCap: 0,
};

/** `rate` of Mahak requests fail, spread over every kind of failure the simulator has. */
export function faultRules(rate: number): FaultRule[] {
  const on = (operation: string, shares: [FaultRule, number][]) =>
    shares.map(([rule, share]) => ({ ...rule, operation, probability: rate * share }));
  const kinds: [FaultRule, number][] = [
    [{ kind: 'http5xx', status: 503 }, 0.25],
    [{ kind: 'http429' }, 0.15],
    [{ kind: 'timeout' }, 0.05],
    [{ kind: 'truncate', mode: 'abort' }, 0.2],
    [{ kind: 'truncate', mode: 'invalidJson' }, 0.1],
    [{ kind: 'appError' }, 0.1],
    [{ kind: 'tokenExpiry' }, 0.05],
  ];
  return [
    ...on('GetAllData', kinds),
    // A save may be committed and its answer lost: 502 / timeout after handling.
    ...on('SaveAllData', [
      ...kinds,
      [{ kind: 'http5xx', status: 502, phase: 'after' }, 0.1],
      [{ kind: 'timeout', phase: 'after' }, 0.05],
    ]),
    // Result:true saves that show in GetAllData only a second later (a long Mahak transaction).
    { kind: 'late', operation: 'SaveAllData', probability: 0.1, ms: 1000 },
  ];
}

export async function runRound(
  options: ChaosOptions,
  stack: ChaosStack,
  round: number,
  resources: RunResources,
): Promise<RoundReport> {
  const started = Date.now();
  const seed = options.seed * 100 + round * 2 + (stack === 'postgres' ? 1 : 0);
  const quirk = pagingQuirks[(round - 1) % pagingQuirks.length];
  const simProcess = await startSimProcess(options.products, seed % 1_000_000);
  const sim = new SimRemote(simProcess.origin);
  const services = stack === 'postgres' ? resources.services : undefined;
  const store = await openRoundStore(stack, `r${round}`, services);
  // Stopped by a signal: no store is kept for a look, the simulator goes too.
  const forget = stopOnAbort(async () => {
    await simProcess.stop();
    await store.cleanup();
  });
  const logDir = join(resources.logDir, `${stack}-r${round}`);
  mkdirSync(logDir, { recursive: true });
  const ctx: RoundContext = {
    services,
    logDir,
    stack,
    round,
    options,
    random: seededRandom(seed),
    sim,
    syncUrl: simProcess.syncUrl,
    store,
    log: options.log,
  };
  let storage: Storage | undefined;
  let failed = true;
  try {
    await sim.settings({
      ...quirk.settings,
      rowVersionGap: 5000,
      defaultPageLimit: 2000,
      repeatedClientIds: 'accept',
    });
    await sim.addFaults(faultRules(options.faultRate));
    options.log(
      `  [${stack} round ${round}] seed ${seed}, ${quirk.name}; pulling ${options.products} products`,
    );
    const pull = await pullPhase(ctx, quirk.pageRows);
    storage = createStorage(store.dbUrl, createSilentLogger());
    await storage.init();
    // Open finding (docs/reliability.md): right after a first pull PostgreSQL has no statistics for
    // the new rows until autovacuum gets to them, and the storefront row trigger a checkout fires
    // (sf_refresh) then takes seconds per order. What autovacuum would do later, done now, so the
    // push phase times the push and not that.
    if (stack === 'postgres') await storage.db.run('ANALYZE');
    options.log(
      `  [${stack} round ${round}] pull done (${pull.kills} kills); pushing ${options.orders} orders`,
    );
    const { report: push, placed } = await pushPhase(ctx, storage);
    const quiet = { ...ctx, options: { ...options, kills: 0, serviceRestarts: false } };
    const catchUp = await pullPhase(quiet, quirk.pageRows, 'catch-up');
    // The referee reads an honest, fault-free Mahak: the books are the same, only the chaos is off.
    await sim.clearFaults();
    await sim.settings(honest);
    const catalogue = await compareCatalogue(simProcess.syncUrl, storage);
    const books = await checkBooks(storage, sim, placed);
    const problems = [...catalogue.problems, ...books.problems];
    failed = problems.length > 0;
    return {
      stack,
      round,
      seed,
      paging: quirk.name,
      pull,
      push,
      catchUp,
      rowsCompared: catalogue.rows,
      invoices: books.invoices,
      problems,
      totalMs: Date.now() - started,
      ...(failed ? { keptStore: store.dbUrl } : {}),
    };
  } finally {
    await storage?.close();
    await simProcess.stop();
    forget();
    // A failed round keeps its store for a look (its path or database is in the report).
    if (!failed) await store.cleanup();
  }
}
