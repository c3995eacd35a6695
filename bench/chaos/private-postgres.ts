import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { freePort, runAs } from './private-ports.js';

/**
 * A PostgreSQL cluster of the runner's own (initdb + pg_ctl as the postgres user, trust on loopback,
 * a free port, everything under one temporary folder), so the chaos runner can restart "the database"
 * without touching the machine's shared PostgreSQL on 5432, which every other test run uses (restarting
 * that one broke them: it happened).
 */
export interface PrivatePostgres {
  adminUrl: string;
  port: number;
  dir: string;
  /** A fresh database in this cluster. */
  createDatabase(): Promise<{ url: string; drop: () => Promise<void> }>;
  /** `pg_ctl restart -m fast`: every connection dropped, down for a few seconds; resolves once it answers. */
  restart(): Promise<void>;
  /** Stops the cluster; removes its folder unless `keep` (a failed round's store is in it). */
  close(keep?: boolean): Promise<void>;
}

const binDir = () => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  const dir = `/usr/lib/postgresql/${versions.at(-1) ?? '15'}/bin`;
  if (!existsSync(join(dir, 'pg_ctl'))) throw new Error(`no pg_ctl in ${dir}`);
  return dir;
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-chaos-pg-'));
  chmodSync(dir, 0o755);
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = (args: string[]) => runAs('postgres', join(bin, 'pg_ctl'), ['-D', data, ...args]);
  await runAs('postgres', join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  // fsync off: PostgreSQL itself is only ever restarted cleanly here (a fast shutdown checkpoints),
  // never cut off, and the machine is shared; what the chaos tests is Hamgam's side.
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c max_connections=200',
  ].join(' ');
  const start = () => pgCtl(['-w', '-t', '120', '-l', join(dir, 'server.log'), '-o', options, 'start']);
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    port,
    dir,
    createDatabase: () => createDatabase(adminUrl),
    async restart() {
      await pgCtl([
        '-w',
        '-t',
        '120',
        '-m',
        'fast',
        '-l',
        join(dir, 'server.log'),
        '-o',
        options,
        'restart',
      ]).catch(() => start());
    },
    async close(keep = false) {
      if (!stopped) await pgCtl(['-w', '-m', 'immediate', 'stop']).catch(() => undefined);
      stopped = true;
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hamgam_chaos_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
