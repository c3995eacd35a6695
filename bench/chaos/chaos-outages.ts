import { pick, type RoundContext } from './chaos-context.js';
import { restartPostgres, restartRabbitMq } from './chaos-services.js';

export type Outage = 'rabbitmq' | 'postgres';

/**
 * Which worker run (1-based) of a phase gets which outage: only on the PostgreSQL + RabbitMQ stack,
 * only when asked for, and within the runs that are sure to happen (the killed ones and the next).
 */
export function outagePlan(ctx: RoundContext, wanted: Outage[]): Map<number, Outage> {
  const plan = new Map<number, Outage>();
  if (ctx.stack !== 'postgres' || !ctx.options.serviceRestarts) return plan;
  for (const outage of wanted) {
    let run = pick(ctx.random, 1, ctx.options.kills + 1);
    while (plan.has(run)) run++;
    plan.set(run, outage);
  }
  return plan;
}

/** Runs one outage; the text for the round report, or undefined when the lock was not had in time. */
export async function runOutage(ctx: RoundContext, outage: Outage): Promise<string | undefined> {
  const started = Date.now();
  const downMs =
    outage === 'rabbitmq' ? await restartRabbitMq(pick(ctx.random, 1000, 3000)) : await restartPostgres();
  const waited = ((Date.now() - started - (downMs ?? 0)) / 1000).toFixed(1);
  const text =
    downMs === undefined
      ? `${outage} skipped (broker lock busy)`
      : `${outage} down ${(downMs / 1000).toFixed(1)}s (after ${waited}s for the lock)`;
  ctx.log(`    ${text}`);
  return downMs === undefined ? undefined : `${outage} ${(downMs / 1000).toFixed(1)}s`;
}
