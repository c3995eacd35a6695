import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runAs } from './private-ports.js';

/**
 * A RabbitMQ node of the runner's own beside the machine's shared broker (rabbit@localhost on 5672):
 * its own node name, AMQP and distribution ports, database and log folder, no plugins (the shared
 * node's management and Prometheus listeners would clash). Stopping its app for an outage touches
 * nobody else, so no broker lock is needed. It shares epmd and the Erlang cookie of the rabbitmq user.
 */
export interface PrivateRabbitMq {
  amqpUrl: string;
  node: string;
  dir: string;
  /** `stop_app`, `outageMs`, `start_app`: the broker away, connections cut, queues kept. */
  outage(outageMs: number): Promise<void>;
  close(): Promise<void>;
}

const home = '/var/lib/rabbitmq';
const scripts = '/usr/lib/rabbitmq/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `-detached` returns before the node has even registered with epmd, and `await_startup` gives up at
 * once on a node epmd does not know ("not running at all"): ask until it answers or 3 minutes pass.
 */
async function awaitStartup(ctl: (args: string[], timeoutMs?: number) => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await ctl(['await_startup', '--timeout', '60'], 90_000);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(2_000);
    }
  }
}

export async function startPrivateRabbitMq(): Promise<PrivateRabbitMq> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-chaos-rabbitmq-'));
  const node = `hamgam-chaos-${process.pid}@localhost`;
  const port = await freePort();
  const distPort = await freePort([port]);
  mkdirSync(join(dir, 'mnesia'));
  mkdirSync(join(dir, 'log'));
  writeFileSync(join(dir, 'rabbitmq.conf'), `listeners.tcp.local = 127.0.0.1:${port}\n`);
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  const uid = Number(execFileSync('id', ['-u', 'rabbitmq']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'rabbitmq']).toString().trim());
  for (const p of ['', 'mnesia', 'log', 'rabbitmq.conf', 'enabled_plugins'])
    chownSync(join(dir, p), uid, gid);
  const env = [
    `HOME=${home}`,
    `RABBITMQ_NODENAME=${node}`,
    `RABBITMQ_DIST_PORT=${distPort}`,
    `RABBITMQ_MNESIA_BASE=${join(dir, 'mnesia')}`,
    `RABBITMQ_LOG_BASE=${join(dir, 'log')}`,
    `RABBITMQ_CONFIG_FILE=${join(dir, 'rabbitmq.conf')}`,
    `RABBITMQ_ENABLED_PLUGINS_FILE=${join(dir, 'enabled_plugins')}`,
    `RABBITMQ_PID_FILE=${join(dir, 'pid')}`,
  ];
  const ctl = (args: string[], timeoutMs = 120_000) =>
    runAs('rabbitmq', 'env', [`HOME=${home}`, join(scripts, 'rabbitmqctl'), '-n', node, ...args], timeoutMs);
  await runAs('rabbitmq', 'env', [...env, join(scripts, 'rabbitmq-server'), '-detached']);
  let running = true;
  const close = async (keep = false) => {
    if (running) await ctl(['stop'], 60_000).catch(() => undefined);
    running = false;
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await awaitStartup(ctl);
  } catch (e) {
    await close(true);
    throw new Error(`the private RabbitMQ node did not start (its logs: ${dir}/log): ${String(e)}`, {
      cause: e,
    });
  }
  return {
    amqpUrl: `amqp://guest:guest@127.0.0.1:${port}`,
    node,
    dir,
    async outage(outageMs) {
      await ctl(['stop_app']);
      try {
        await sleep(outageMs);
      } finally {
        await ctl(['start_app']);
      }
    },
    close: () => close(),
  };
}
