import type { ChaosOptions, ChaosStack } from './chaos-options.js';
import { join } from 'node:path';
import type { RoundStore, StackServices } from './chaos-services.js';
import type { SimRemote } from './sim-remote.js';

/** What every phase of one round shares. */
export interface RoundContext {
  stack: ChaosStack;
  round: number;
  options: ChaosOptions;
  random: () => number;
  sim: SimRemote;
  syncUrl: string;
  store: RoundStore;
  /** The run's private PostgreSQL and RabbitMQ (postgres stack only): outages restart these. */
  services?: StackServices;
  /** Where each worker's whole output goes (`pull-3.log`, `push-1.log`), kept when one died. */
  logDir: string;
  log: (line: string) => void;
}

/** The file a worker of this round writes its whole output to. */
export const workerLog = (ctx: RoundContext, name: string): string => join(ctx.logDir, `${name}.log`);

/** What a phase did and how long the system took to come right after the last blow. */
export interface PhaseReport {
  /** Runs of the worker process, killed ones included. */
  runs: number;
  kills: number;
  /** Runs that ended on their own with an error (a fault or an outage beat their retries). */
  failedRuns: number;
  /** Service outages injected, e.g. `rabbitmq 2.0s`, `postgres restart`. */
  outages: string[];
  /** Faults the simulator injected during the phase (its own counter). */
  faults: number;
  totalMs: number;
  /** From the last kill or outage to done (the pull finished, the outbox drained). */
  convergenceMs: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How the workers of a round reach Mahak and how fast they give up on it. */
export function workerEnv(ctx: RoundContext, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...ctx.store.env,
    HAMGAM_MAHAK_URL: ctx.syncUrl,
    HAMGAM_STORE_ID: '1',
    HAMGAM_LOG_LEVEL: 'warn',
    // A killed worker's lease blocks the next one for this long at most (sync waits it out).
    HAMGAM_LOCK_TTL_SECONDS: '2',
    // The simulator's `timeout` fault never answers: each one costs this long. Shorter than the 30 s
    // default, long enough for a page of 13 x 2,000 records on a loaded machine.
    HAMGAM_MAHAK_TIMEOUT_MS: '20000',
    ...extra,
  };
}

/** A seeded whole number in [lo, hi]. */
export const pick = (random: () => number, lo: number, hi: number): number =>
  lo + Math.floor(random() * (hi - lo + 1));
