import type { PushOrderPayload } from '../../core/contracts/orders.js';
import type { Storage } from '../../core/store/storage.js';
import { sleep, workerEnv, workerLog, type PhaseReport, type RoundContext } from './chaos-context.js';
import { placeOrders, shopShelf } from './chaos-orders.js';
import { killAfterOutage, outagePlan } from './chaos-outages.js';
import { failureText } from './chaos-pull.js';
import { CliWorker } from './cli-worker.js';

const drainTimeoutMs = 15 * 60_000;

/**
 * Web orders to Mahak under SIGKILL: half the orders wait in the outbox, `hamgam push --loop` (the
 * real CLI) is killed a seeded few hundred ms to a few seconds into its work, more orders arrive while
 * it is down, and a last pusher runs until the outbox is empty. On PostgreSQL the database is
 * restarted under one of the pushers.
 */
export async function pushPhase(
  ctx: RoundContext,
  storage: Storage,
): Promise<{ report: PhaseReport; placed: PushOrderPayload[] }> {
  const started = Date.now();
  const faultsBefore = (await ctx.sim.stats()).faultsFired;
  const report: PhaseReport = {
    runs: 0,
    kills: 0,
    failedRuns: 0,
    outages: [],
    faults: 0,
    totalMs: 0,
    convergenceMs: 0,
  };
  const shelf = await shopShelf(ctx, storage);
  const placed: PushOrderPayload[] = [];
  const total = ctx.options.orders;
  await placeOrders(ctx, storage, shelf, Math.ceil(total / 2), placed);
  const perKill = Math.ceil((total - placed.length) / Math.max(1, ctx.options.kills));
  const outages = outagePlan(ctx, ['postgres'], ctx.options.kills);
  let lastBlow = started;
  while (report.kills < ctx.options.kills) {
    report.runs++;
    const outage = outages.get(report.runs);
    const worker = pusher(ctx, report.runs);
    await firstWork(worker);
    const { exit, outageText } = await killAfterOutage(ctx, worker, outage, `pusher ${report.runs}`);
    if (outageText) report.outages.push(outageText);
    if (exit.killed) report.kills++;
    else {
      report.failedRuns++;
      ctx.log(`    pusher ${report.runs} died on its own (exit ${exit.code}): ${failureText(exit)}`);
    }
    lastBlow = Date.now();
    await placeOrders(ctx, storage, shelf, Math.min(perKill, total - placed.length), placed);
  }
  await placeOrders(ctx, storage, shelf, total - placed.length, placed);
  report.runs++;
  const last = pusher(ctx, report.runs);
  try {
    await drained(storage, () => last.running);
  } finally {
    await last.kill();
  }
  report.faults = (await ctx.sim.stats()).faultsFired - faultsBefore;
  report.totalMs = Date.now() - started;
  report.convergenceMs = Date.now() - lastBlow;
  return { report, placed };
}

function pusher(ctx: RoundContext, run: number): CliWorker {
  return new CliWorker(
    ['push', '--loop', '--interval-ms', '100'],
    workerEnv(ctx, {
      HAMGAM_LOG_LEVEL: 'info',
      // Short enough for a round to end: read back only for 3 s before an unconfirmed order may be
      // resent, which is above the late commits (1 s) and below nothing else: a save still invisible
      // after it would be resent and show twice — exactly what the referee looks for.
      HAMGAM_PUSH_CONFIRM_MINUTES: '0.05',
      HAMGAM_PUSH_LEASE_SECONDS: '3',
      HAMGAM_PUSH_MAX_ATTEMPTS: '100',
      HAMGAM_PUSH_BATCH_SIZE: '60',
      HAMGAM_MAHAK_TIMEOUT_MS: '4000',
    }),
    undefined,
    workerLog(ctx, `push-${run}`),
  );
}

/** Until the worker has loaded and written its first line (or 20 s): a kill before that tests nothing. */
async function firstWork(worker: CliWorker): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (worker.running && Date.now() < deadline && !worker.hasSpoken) await sleep(50);
}

/** Until no outbox row waits (sent, or stuck for staff: the referee reports those) or the time is up. */
async function drained(storage: Storage, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + drainTimeoutMs;
  while (Date.now() < deadline && alive()) {
    const [row] = await storage.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM push_outbox WHERE state IN ('held', 'ready')",
    );
    if (Number(row.n) === 0) return;
    await sleep(500);
  }
}
