import { pick, sleep, type RoundContext } from './chaos-context.js';

export type Outage = 'rabbitmq' | 'postgres';

/**
 * Which worker run (1-based) of a phase gets which outage: only on the PostgreSQL + RabbitMQ stack,
 * only when asked for, and within `runs`, the runs of the phase that are sure to happen and look at
 * the plan (the pull: the killed ones and the next; the push: the killed ones, its last pusher does
 * not). A run past those was skipped without a word (run D, PostgreSQL round 2: no restart under a
 * pusher), so a taken run moves on to the next free one, round to the first.
 */
export function outagePlan(ctx: RoundContext, wanted: Outage[], runs: number): Map<number, Outage> {
  const plan = new Map<number, Outage>();
  if (ctx.stack !== 'postgres' || !ctx.options.serviceRestarts) return plan;
  for (const outage of wanted.slice(0, runs)) {
    let run = pick(ctx.random, 1, runs);
    while (plan.has(run)) run = (run % runs) + 1;
    plan.set(run, outage);
  }
  return plan;
}

/**
 * Runs one outage on the run's private services (never the machine's shared ones); the text for the
 * round report. RabbitMQ: `stop_app`, 1-3 s, `start_app`. PostgreSQL: `pg_ctl restart -m fast`.
 */
export async function runOutage(ctx: RoundContext, outage: Outage): Promise<string> {
  const services = ctx.services;
  if (!services) throw new Error('an outage needs the private services');
  const started = Date.now();
  if (outage === 'rabbitmq') await services.rabbit.outage(pick(ctx.random, 1000, 3000));
  else await services.pg.restart();
  const text = `${outage} ${((Date.now() - started) / 1000).toFixed(1)}s`;
  ctx.log(`    ${outage} down ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return text;
}

/** What an outage must land under: a worker process (CliWorker's view of it). */
export interface OutageTarget<Exit = unknown> {
  readonly running: boolean;
  kill(): Promise<Exit>;
}

/**
 * One killed pusher's blow: a seeded 0.2-3 s into its work, then, if it has the outage, the whole
 * restart while it runs and a seeded 0-1.5 s after; then the SIGKILL. The kill used to come 0-1.5 s
 * after `pg_ctl restart` was started, not after it ended: with a short draw the pusher could be dead
 * before pg_ctl (setsid + runuser, at nice 19 on a loaded machine) had even signalled the server, and
 * the round passed with no restart under a pusher and no word about it. The text names the worker
 * and says if it was not running before or after.
 */
export async function killAfterOutage<T>(
  ctx: RoundContext,
  worker: OutageTarget<T>,
  outage: Outage | undefined,
  name: string,
): Promise<{ exit: T; outageText?: string }> {
  await sleep(pick(ctx.random, 200, 3000));
  let outageText: string | undefined;
  if (outage) {
    outageText = await outageUnder(ctx, outage, worker, name);
    await sleep(pick(ctx.random, 0, 1500));
  }
  return { exit: await worker.kill(), outageText };
}

/** runOutage, its text naming the worker it fell under and saying so if that one was not running throughout. */
export async function outageUnder(
  ctx: RoundContext,
  outage: Outage,
  worker: Pick<OutageTarget, 'running'>,
  name: string,
): Promise<string> {
  const before = worker.running;
  const text = await runOutage(ctx, outage);
  const after = worker.running;
  const note = !before ? ' (not running: under no worker)' : !after ? ' (it exited during it)' : '';
  if (note) ctx.log(`    ${outage} outage under ${name}${note}`);
  return `${text} under ${name}${note}`;
}
