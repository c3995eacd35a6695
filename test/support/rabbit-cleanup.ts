import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ctl = (process.env.HAMGAM_TEST_RABBITMQCTL ?? 'rabbitmqctl').split(' ');

/**
 * Deletes every queue of a test namespace. Queues declared by a child process (the crash tests) are
 * unknown to the test's own driver, so the broker is asked for them by name. Best effort: without
 * rabbitmqctl the queues stay, which costs the broker a little memory, nothing else.
 */
export async function deleteNamespaceQueues(namespace: string): Promise<void> {
  try {
    const { stdout } = await run(ctl[0], [...ctl.slice(1), '-q', 'list_queues', 'name'], { timeout: 30_000 });
    const names = stdout.split('\n').filter((n) => n.startsWith(`${namespace}.`));
    for (const name of names)
      await run(ctl[0], [...ctl.slice(1), '-q', 'delete_queue', name], { timeout: 30_000 });
  } catch {
    // See above: cleanup only.
  }
}
