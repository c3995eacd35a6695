import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosStack } from './chaos-options.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.js';
import { startPrivateRabbitMq, type PrivateRabbitMq } from './private-rabbitmq.js';

/**
 * The PostgreSQL + RabbitMQ stack of a chaos run: a private PostgreSQL cluster and a private RabbitMQ
 * node, started for the run and dropped at its end (on Ctrl+C too), so an outage restarts only them.
 * The machine's shared servers (5432, 5672) are never stopped or restarted by the runner.
 */
export interface StackServices {
  pg: PrivatePostgres;
  rabbit: PrivateRabbitMq;
}

let running: StackServices | undefined;

/** What must stop if the runner is stopped by a signal mid-round (a round's simulator process). */
const onAbort = new Set<() => Promise<void>>();

/** Registers `stop` for a signal; call the returned function once it is no longer needed. */
export function stopOnAbort(stop: () => Promise<void>): () => void {
  onAbort.add(stop);
  return () => void onAbort.delete(stop);
}

/** The runner was told to stop: everything registered, then the private services. */
export async function abortRun(): Promise<void> {
  await Promise.all([...onAbort].map((stop) => stop().catch(() => undefined)));
  onAbort.clear();
  await stopStackServices();
}

export async function startStackServices(log: (line: string) => void): Promise<StackServices> {
  const pg = await startPrivatePostgres();
  let rabbit: PrivateRabbitMq;
  try {
    rabbit = await startPrivateRabbitMq();
  } catch (e) {
    await pg.close();
    throw e;
  }
  running = { pg, rabbit };
  stopping = undefined;
  log(
    `  private PostgreSQL on 127.0.0.1:${pg.port} (${pg.dir}), private RabbitMQ ${rabbit.node} at ${rabbit.amqpUrl.replace(/\/\/.*@/, '//')}`,
  );
  return running;
}

/**
 * Stops both (whatever state an outage left them in). `keepPg`: a failed round's database lives in
 * the cluster, so its folder stays (stopped) for a look; the report says how to start it.
 */
export function stopStackServices(keepPg = false): Promise<void> {
  // One stop for everyone: the runner's own finally and a Ctrl+C handler may both ask, and the
  // process must not exit while the first of them is half-way.
  stopping ??= (async () => {
    const services = running;
    running = undefined;
    if (!services) return;
    await services.rabbit.close().catch(() => undefined);
    await services.pg.close(keepPg).catch(() => undefined);
  })();
  return stopping;
}
let stopping: Promise<void> | undefined;

/** One round's store: a fresh SQLite file, or a throwaway database and queue namespace on the private stack. */
export interface RoundStore {
  dir: string;
  /** HAMGAM_* settings every worker of the round gets. */
  env: Record<string, string>;
  dbUrl: string;
  cleanup(): Promise<void>;
}

export async function openRoundStore(
  stack: ChaosStack,
  label: string,
  services?: StackServices,
): Promise<RoundStore> {
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
  if (!services) throw new Error('the postgres stack runs on the private services (startStackServices)');
  const db = await services.pg.createDatabase();
  // The node is the run's own and dropped at its end: its queues go with it.
  const namespace = `hamgam-chaos-${label}`;
  return {
    dir,
    dbUrl: db.url,
    env: {
      ...base,
      HAMGAM_DB: db.url,
      HAMGAM_QUEUE: services.rabbit.amqpUrl,
      HAMGAM_QUEUE_NAMESPACE: namespace,
    },
    cleanup: async () => {
      await db.drop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
