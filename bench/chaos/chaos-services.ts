import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { acquireBrokerLock } from '../../test/queue/broker-lock.js';
import { deleteNamespaceQueues } from '../../test/support/rabbit-cleanup.js';
import { amqpUrl, canConnect, createTestPgDatabase, pgAdminUrl } from '../../test/support/services.js';
import type { ChaosStack } from './chaos-options.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One round's store: a fresh SQLite file, or a throwaway PostgreSQL database and queue namespace. */
export interface RoundStore {
  dir: string;
  /** HAMGAM_* settings every worker of the round gets. */
  env: Record<string, string>;
  dbUrl: string;
  cleanup(): Promise<void>;
}

export async function openRoundStore(stack: ChaosStack, label: string): Promise<RoundStore> {
  const dir = mkdtempSync(join(tmpdir(), `hamgam-chaos-${label}-`));
  const base = { HAMGAM_DATA_DIR: dir, HAMGAM_BLOB: `file:${join(dir, 'blobs')}` };
  if (stack === 'sqlite') {
    const dbUrl = `sqlite:${join(dir, 'store.db')}`;
    return {
      dir,
      dbUrl,
      env: { ...base, HAMGAM_DB: dbUrl, HAMGAM_QUEUE: 'local' },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await createTestPgDatabase();
  const namespace = `hamgam-chaos-${process.pid}-${label}`;
  return {
    dir,
    dbUrl: db.url,
    env: { ...base, HAMGAM_DB: db.url, HAMGAM_QUEUE: amqpUrl, HAMGAM_QUEUE_NAMESPACE: namespace },
    cleanup: async () => {
      await deleteNamespaceQueues(namespace);
      await db.drop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ctl = (process.env.HAMGAM_TEST_RABBITMQCTL ?? 'rabbitmqctl').split(' ');
const rabbitmqctl = (command: string) => run(ctl[0], [...ctl.slice(1), command], { timeout: 60_000 });

/**
 * RabbitMQ down for `outageMs`, then up again. Other sessions' test suites use the same broker: the
 * exclusive side of test/queue/broker-lock.ts (the lock test/queue/rabbitmq-restart.test.ts takes)
 * waits until none of them is using it, and is held only for the outage itself. Not had within
 * `waitMs`: no outage this time (returns undefined), rather than block everyone for long. Returns how
 * long the broker was away (the wait for the lock not counted).
 */
export async function restartRabbitMq(outageMs: number, waitMs = 120_000): Promise<number | undefined> {
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquireBrokerLock({ exclusive: true, timeoutMs: waitMs });
  } catch {
    return undefined;
  }
  const down = Date.now();
  try {
    rabbitStopped = true;
    await rabbitmqctl('stop_app');
    await sleep(outageMs);
  } finally {
    await rabbitmqctl('start_app');
    rabbitStopped = false;
    await release();
  }
  return Date.now() - down;
}
let rabbitStopped = false;

const pgVersion = () => readdirSync('/etc/postgresql').sort().at(-1) ?? '15';
const pgCtl = (action: 'restart' | 'start') =>
  run('pg_ctlcluster', ['--skip-systemctl-redirect', pgVersion(), 'main', action], { timeout: 120_000 });

/**
 * A PostgreSQL restart (every connection dropped, a few seconds down), under the same exclusive lock
 * so no RabbitMQ suite is mid-test; waits until the server answers again and starts it if it did not.
 */
export async function restartPostgres(waitMs = 120_000): Promise<number | undefined> {
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquireBrokerLock({ exclusive: true, timeoutMs: waitMs });
  } catch {
    return undefined;
  }
  const down = Date.now();
  try {
    await pgCtl('restart').catch(() => pgCtl('start'));
  } finally {
    await ensurePostgresUp();
    await release();
  }
  return Date.now() - down;
}

export async function ensurePostgresUp(): Promise<void> {
  const url = new URL(pgAdminUrl);
  for (let i = 0; i < 60; i++) {
    if (await canConnect(url.hostname, Number(url.port || 5432))) return;
    if (i === 10) await pgCtl('start').catch(() => undefined);
    await sleep(500);
  }
  throw new Error('PostgreSQL is not back up after the restart');
}

/** Whatever happened (Ctrl+C mid-outage), both services run when the runner leaves. */
export async function ensureServicesUp(): Promise<void> {
  if (rabbitStopped) await rabbitmqctl('start_app').catch(() => undefined);
  await ensurePostgresUp().catch(() => undefined);
}
