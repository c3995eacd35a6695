import { pick, workerEnv, workerLog, type PhaseReport, type RoundContext } from './chaos-context.js';
import { outagePlan, outageUnder, type Outage } from './chaos-outages.js';
import { CliWorker, type WorkerExit } from './cli-worker.js';
import { staffEdits } from './staff-edits.js';

/** A sync run that writes nothing for this long is stuck, not slow: the round fails with its output. */
const stallMs = 300_000;
const maxRuns = 60;

/**
 * The pull of the whole catalogue under SIGKILL: `hamgam sync` (the real CLI) is killed after a seeded
 * number of applied pages plus a few hundred ms (so the kill lands mid-fetch, mid-commit, anywhere),
 * staff edit the books while it is down, and it is started again until a run finishes on its own.
 * On PostgreSQL + RabbitMQ the broker is stopped and PostgreSQL restarted under a running pull.
 */
export async function pullPhase(ctx: RoundContext, pageSize: number, label = 'pull'): Promise<PhaseReport> {
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
  // Pages a full pull applies, roughly (ten records a product): kills spread over the whole pull.
  const expectedPages = Math.max(4, Math.ceil((ctx.options.products * 10) / pageSize));
  const outages = outagePlan(ctx, ['rabbitmq', 'postgres'], ctx.options.kills + 1);
  let lastBlow = started;
  for (;;) {
    if (++report.runs > maxRuns) throw new Error(`the pull did not finish in ${maxRuns} runs`);
    const killing = report.kills < ctx.options.kills;
    const killAfter = pick(
      ctx.random,
      1,
      Math.max(1, Math.floor((2 * expectedPages) / (ctx.options.kills + 1))),
    );
    const outage = outages.get(report.runs);
    const exit = await oneRun(ctx, pageSize, killing ? killAfter : undefined, outage, report, label);
    if (exit.killed || outage) lastBlow = Date.now();
    if (exit.killed) report.kills++;
    else if (exit.code === 0) break;
    else {
      report.failedRuns++;
      ctx.log(`    pull run ${report.runs} failed (exit ${exit.code}): ${failureText(exit)}`);
    }
    await staffEdits(ctx, pick(ctx.random, 2, 8));
  }
  // An outage planned for a run the pull never reached (it finished sooner) did not happen: say so.
  for (const [run, outage] of outages)
    if (run > report.runs) {
      ctx.log(
        `    ${outage} outage planned for ${label} run ${run} not run: the ${label} ended at run ${report.runs}`,
      );
    }
  report.faults = (await ctx.sim.stats()).faultsFired - faultsBefore;
  report.totalMs = Date.now() - started;
  report.convergenceMs = Date.now() - lastBlow;
  return report;
}

/** One `hamgam sync`, killed after `killAfter` applied pages (+ jitter) if given; an outage mid-run if planned. */
async function oneRun(
  ctx: RoundContext,
  pageSize: number,
  killAfter: number | undefined,
  outage: Outage | undefined,
  report: PhaseReport,
  label: string,
): Promise<WorkerExit> {
  const jitterMs = pick(ctx.random, 0, 600);
  const outageAfter = pick(ctx.random, 1, Math.max(1, killAfter ?? 20));
  let pages = 0;
  let lastLine = Date.now();
  let outageDone: Promise<void> | undefined;
  const env = workerEnv(ctx, {
    HAMGAM_PAGE_SIZE: String(pageSize),
    // Each run here starts seconds after the last killed one: a time window would re-read the whole
    // catalogue from 0 on every start (no pull has finished yet to measure it from) and turn the kills
    // quadratic. pull-window.test.ts and pull-late-commit.test.ts prove the window itself.
    HAMGAM_PULL_WINDOW_MINUTES: '0',
    // Picture files are blobs, not rows: downloading 200,000 PNGs would time the disk, not the sync.
    HAMGAM_PULL_SKIP_PICTURES: 'true',
  });
  const worker: CliWorker = new CliWorker(['sync'], env, onLine, workerLog(ctx, `${label}-${report.runs}`));
  function onLine(line: string): void {
    lastLine = Date.now();
    if (!line.includes(' changed ')) return;
    pages++;
    if (outage && pages === outageAfter && !outageDone)
      outageDone = outageUnder(ctx, outage, worker, `${label} run ${report.runs}`).then(
        (text) => void report.outages.push(text),
      );
    // Not before an outage under way has ended: a kill first would leave it under no worker.
    if (killAfter !== undefined && pages === killAfter)
      void (outageDone ?? Promise.resolve()).then(() => setTimeout(() => void worker.kill(), jitterMs));
  }
  const watchdog = setInterval(() => {
    if (Date.now() - lastLine > stallMs) {
      ctx.log(`    pull run stalled ${stallMs / 1000}s without output; killing it`);
      void worker.kill();
    }
  }, 5_000);
  try {
    const exit = await worker.exited;
    await outageDone;
    if (outage && !outageDone)
      ctx.log(
        `    ${outage} outage planned for ${label} run ${report.runs} not run: it ended after ${pages} pages`,
      );
    return exit;
  } finally {
    clearInterval(watchdog);
  }
}

/** The error a failed run printed (an uncaught one is a stack: its first line says what it was). */
export function failureText(exit: WorkerExit): string {
  const error = exit.tail.find((l) => /error|Error|ECONN|refused|terminat/.test(l));
  const text = [error, ...exit.tail.slice(-1)].filter(Boolean).join(' | ').slice(0, 600);
  return exit.logFile ? `${text} (whole output: ${exit.logFile})` : text;
}
