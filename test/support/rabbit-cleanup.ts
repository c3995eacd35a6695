import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { amqpUrl } from './services.js';

const run = promisify(execFile);
const ctl = (process.env.HAMGAM_TEST_RABBITMQCTL ?? 'rabbitmqctl').split(' ');

/**
 * Deletes every queue of a test namespace. Queues declared by a child process (the crash tests) are
 * unknown to the test's own driver, so the broker is asked for them by name: one `rabbitmqctl` call
 * (each starts an Erlang VM, seconds on a loaded machine, past a hook's time limit when there was one
 * per queue), then the deletes over one AMQP connection. Best effort: without rabbitmqctl the queues
 * stay, which costs the broker a little memory, nothing else.
 */
export async function deleteNamespaceQueues(namespace: string): Promise<void> {
  try {
    const { stdout } = await run(ctl[0], [...ctl.slice(1), '-q', 'list_queues', 'name'], { timeout: 30_000 });
    const names = stdout.split('\n').filter((n) => n.startsWith(`${namespace}.`));
    if (names.length > 0) await deleteQueues(names);
  } catch {
    // See above: cleanup only.
  }
}

/** Deletes these queues over one AMQP connection. */
export async function deleteQueues(names: readonly string[]): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const ch = await connection.createChannel();
    for (const name of new Set(names)) await ch.deleteQueue(name);
  } finally {
    await connection.close();
  }
}
