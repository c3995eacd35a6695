import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { MahakClient } from '../core/mahak/mahak-client.js';
import { intArg } from './bench-support.js';
import { pullOnce, sumRecords } from './pull-engine.js';
import { startSimProcess } from './sim-process.js';

/**
 * The pull alone, for profiling (`node --cpu-prof --import tsx bench/pull-profile.ts --products=N`):
 * wall clock, this process's CPU seconds, load, and with --sql the time spent in each SQLite statement.
 */
const products = intArg('products', 20_000);
const timings = new Map<string, { ms: number; n: number }>();
const commitMs: number[] = [];
if (process.argv.includes('--sql')) timeStatements();

const dir = mkdtempSync(join(tmpdir(), 'hamgam-prof-'));
const sim = await startSimProcess(products);
const logger = createSilentLogger();
const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
try {
  const load = loadavg()[0];
  const cpu = process.cpuUsage();
  const simCpu = cpuSecondsOf(sim.pid);
  const db = process.argv.find((a) => a.startsWith('--db='))?.slice(5) ?? `sqlite:${join(dir, 'pull.db')}`;
  const queue = process.argv.find((a) => a.startsWith('--queue='))?.slice(8) ?? 'local';
  const pull = await pullOnce(db, queue, client, 1000);
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      products,
      records: sumRecords(pull.records),
      seconds: Math.round(pull.seconds * 100) / 100,
      cpuUser: Math.round(used.user / 1e4) / 100,
      cpuSystem: Math.round(used.system / 1e4) / 100,
      simCpu: Math.round((cpuSecondsOf(sim.pid) - simCpu) * 100) / 100,
      loadBefore: load,
      loadAfter: loadavg()[0],
    }),
  );
  if (timings.size > 0) {
    const top = [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    for (const [sql, t] of top) console.log(`${(t.ms / 1000).toFixed(2)} s  ${t.n}  ${sql.slice(0, 140)}`);
    // Where a COMMIT's time goes: the few that ran a checkpoint against the many that only wrote the WAL.
    const slow = commitMs.filter((ms) => ms >= 10);
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0));
    console.log(
      `COMMIT >= 10 ms: ${slow.length} taking ${sum(slow)} ms; the other ${commitMs.length - slow.length} ${sum(commitMs) - sum(slow)} ms`,
    );
  }
} finally {
  await sim.stop();
  if (process.argv.includes('--keep')) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/** utime + stime of a process, in seconds (Linux /proc). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function timeStatements(): void {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as { prototype: Record<string, unknown> };
  const add = (sql: string, t0: bigint) => {
    const key = sql.replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)').replace(/\s+/g, ' ');
    const t = timings.get(key) ?? { ms: 0, n: 0 };
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    t.ms += ms;
    t.n++;
    if (sql === 'COMMIT') commitMs.push(ms);
    timings.set(key, t);
  };
  const prepare = Database.prototype.prepare as (this: unknown, sql: string) => Record<string, unknown>;
  Database.prototype.prepare = function (this: unknown, sql: string) {
    const stmt = prepare.call(this, sql);
    for (const m of ['run', 'all', 'get']) {
      const f = stmt[m] as (...a: unknown[]) => unknown;
      stmt[m] = (...a: unknown[]) => {
        const t0 = process.hrtime.bigint();
        try {
          return f.apply(stmt, a);
        } finally {
          add(sql, t0);
        }
      };
    }
    return stmt;
  };
  const exec = Database.prototype.exec as (this: unknown, sql: string) => unknown;
  Database.prototype.exec = function (this: unknown, sql: string) {
    const t0 = process.hrtime.bigint();
    try {
      return exec.call(this, sql);
    } finally {
      add(sql, t0);
    }
  };
}
