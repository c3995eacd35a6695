import { pick, type RoundContext } from './chaos-context.js';

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
