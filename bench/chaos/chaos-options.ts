import { parseArgs } from 'node:util';

export type ChaosStack = 'sqlite' | 'postgres';

export interface ChaosOptions {
  rounds: number;
  /** The number of the first round: a round's seed and paging quirk follow from it (`--first-round 3`
   *  reruns round 3 of a run alone). */
  firstRound?: number;
  products: number;
  orders: number;
  stacks: ChaosStack[];
  seed: number;
  /** SIGKILLs per phase (pull, push) and round. */
  kills: number;
  /** Share of Mahak requests that fail (the issue asks 10%). */
  faultRate: number;
  /** Stop and start RabbitMQ, restart PostgreSQL during postgres rounds: the run's private ones, never the shared. */
  serviceRestarts: boolean;
  /** Where the runner writes its line-by-line progress; the summary is returned either way. */
  log: (line: string) => void;
}

export const chaosDefaults: Omit<ChaosOptions, 'log'> = {
  rounds: 3,
  products: 200_000,
  orders: 2_000,
  stacks: ['sqlite', 'postgres'],
  seed: 1403,
  kills: 4,
  faultRate: 0.1,
  serviceRestarts: true,
};

const usage = `npm run chaos -- [--rounds N] [--first-round N] [--products N] [--orders N] [--stack sqlite|postgres|both]
                     [--seed N] [--kills N] [--fault-rate 0.1] [--no-service-restarts]`;

/** `npm run chaos -- --rounds 3 --stack both --seed 1403`: every option has the default. */
export function parseChaosArgs(args: string[]): Omit<ChaosOptions, 'log'> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      rounds: { type: 'string' },
      'first-round': { type: 'string' },
      products: { type: 'string' },
      orders: { type: 'string' },
      stack: { type: 'string' },
      seed: { type: 'string' },
      kills: { type: 'string' },
      'fault-rate': { type: 'string' },
      'no-service-restarts': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(usage);
  const int = (v: string | undefined, name: string, fallback: number, min = 0) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}\n${usage}`);
    return n;
  };
  const stack = values.stack ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(stack)) throw new Error(`--stack: ${stack}?\n${usage}`);
  const faultRate =
    values['fault-rate'] === undefined ? chaosDefaults.faultRate : Number(values['fault-rate']);
  if (!(faultRate >= 0 && faultRate <= 0.5)) throw new Error(`--fault-rate must be in [0, 0.5]\n${usage}`);
  return {
    rounds: int(values.rounds, 'rounds', chaosDefaults.rounds, 1),
    firstRound: int(values['first-round'], 'first-round', 1, 1),
    products: int(values.products, 'products', chaosDefaults.products, 100),
    orders: int(values.orders, 'orders', chaosDefaults.orders, 1),
    stacks: stack === 'both' ? ['sqlite', 'postgres'] : [stack as ChaosStack],
    seed: int(values.seed, 'seed', chaosDefaults.seed),
    kills: int(values.kills, 'kills', chaosDefaults.kills),
    faultRate,
    serviceRestarts: !values['no-service-restarts'],
  };
}

/** mulberry32: every random choice of a run (kill moments, edits, hostile switches) from `--seed`. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
