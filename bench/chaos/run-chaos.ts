/**
 * `npm run chaos -- --rounds 3 --stack both`: rounds of SIGKILL, outages and a hostile, faulty Mahak
 * against the real `hamgam` CLI, each round judged row by row (issue 11). See docs/reliability.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseChaosArgs, type ChaosOptions } from './chaos-options.js';
import { runRound, type RoundReport, type RunResources } from './chaos-round.js';
import { abortRun, startStackServices, stopStackServices } from './chaos-services.js';
import { killAllWorkers } from './cli-worker.js';
import type { PhaseReport } from './chaos-context.js';

export async function runChaos(options: ChaosOptions): Promise<RoundReport[]> {
  const reports: RoundReport[] = [];
  const logDir = mkdtempSync(join(tmpdir(), 'hamgam-chaos-logs-'));
  const resources: RunResources = { logDir };
  try {
    if (options.stacks.includes('postgres')) resources.services = await startStackServices(options.log);
    const first = options.firstRound ?? 1;
    for (let round = first; round < first + options.rounds; round++) {
      for (const stack of options.stacks) {
        const report = await runRound(options, stack, round, resources).catch((e: unknown) =>
          failedRound(options, stack, round, e),
        );
        reports.push(report);
        options.log(summaryLine(report));
        for (const p of report.problems.slice(0, 20)) options.log(`      ! ${p}`);
      }
    }
  } finally {
    await killAllWorkers();
    const keptDb = reports.some((r) => r.stack === 'postgres' && r.keptStore);
    const pgDir = resources.services?.pg.dir;
    await stopStackServices(keptDb);
    if (keptDb && pgDir)
      options.log(
        `  the private PostgreSQL cluster with the failed round's database is kept (stopped) in ${pgDir}; ` +
          `start it with: runuser -u postgres -- pg_ctl -D ${pgDir}/data -o "-p <port> -k ${pgDir}" start`,
      );
    const troubled = reports.some(
      (r) => r.problems.length > 0 || r.pull.failedRuns + r.push.failedRuns + r.catchUp.failedRuns > 0,
    );
    if (troubled) options.log(`  worker logs kept in ${logDir}`);
    else rmSync(logDir, { recursive: true, force: true });
  }
  return reports;
}

/** A round that could not even finish (a worker never converged) is a finding like any other. */
function failedRound(
  options: ChaosOptions,
  stack: RoundReport['stack'],
  round: number,
  e: unknown,
): RoundReport {
  const none: PhaseReport = {
    runs: 0,
    kills: 0,
    failedRuns: 0,
    outages: [],
    faults: 0,
    totalMs: 0,
    convergenceMs: 0,
  };
  return {
    stack,
    round,
    seed: options.seed * 100 + round * 2 + (stack === 'postgres' ? 1 : 0),
    paging: '?',
    pull: none,
    push: none,
    catchUp: none,
    rowsCompared: 0,
    invoices: 0,
    problems: [`round did not finish: ${(e as Error).stack ?? String(e)}`],
    totalMs: 0,
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function summaryLine(r: RoundReport): string {
  const verdict = r.problems.length === 0 ? 'OK' : `FAILED (${r.problems.length} problems)`;
  const outages = [...r.pull.outages, ...r.push.outages];
  return (
    `  [${r.stack} round ${r.round}] ${verdict} seed ${r.seed} (${r.paging}): ` +
    `pull ${r.pull.kills} kills/${r.pull.runs} runs, ${r.pull.faults} faults, converged ${s(r.pull.convergenceMs)} after the last blow (total ${s(r.pull.totalMs)}); ` +
    `push ${r.push.kills} kills/${r.push.runs} runs, ${r.push.faults} faults, drained ${s(r.push.convergenceMs)} after the last kill (total ${s(r.push.totalMs)}); ` +
    `catch-up ${s(r.catchUp.totalMs)}; ${outages.length ? `outages: ${outages.join(', ')}; ` : ''}` +
    `${r.rowsCompared} rows compared, ${r.invoices} invoices; round ${s(r.totalMs)}` +
    (r.keptStore ? `; store kept at ${r.keptStore}` : '')
  );
}

function totals(reports: RoundReport[]): string {
  const sum = (f: (r: RoundReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const failed = reports.filter((r) => r.problems.length > 0).length;
  return (
    `${reports.length} rounds, ${failed} failed; ` +
    `${sum((r) => r.pull.kills + r.push.kills)} SIGKILLs, ${sum((r) => r.pull.outages.length + r.push.outages.length)} outages, ` +
    `${sum((r) => r.pull.faults + r.push.faults + r.catchUp.faults)} faults injected`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options: ChaosOptions = {
    ...parseChaosArgs(process.argv.slice(2)),
    log: (line) => console.log(line),
  };
  console.log(
    `chaos: ${options.rounds} round(s) on ${options.stacks.join(' + ')}, ${options.products} products, ` +
      `${options.orders} orders, ${options.kills} kills a phase, ${options.faultRate * 100}% faults, seed ${options.seed}`,
  );
  // Ctrl+C or a kill: workers, the simulator, the private PostgreSQL and RabbitMQ node go with the
  // runner. `on`, not `once`: Ctrl+C reaches this process twice (from the terminal and relayed by
  // tsx), and a second signal with no handler left would end it before the cleanup.
  let aborting = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (aborting) return;
      aborting = true;
      console.log(`chaos: ${signal}; stopping the workers, the simulator and the private services`);
      void killAllWorkers()
        .then(() => abortRun())
        .finally(() => process.exit(130));
    });
  }
  const reports = await runChaos(options);
  console.log(`chaos: ${totals(reports)}`);
  process.exit(reports.every((r) => r.problems.length === 0) ? 0 : 1);
}
