import { open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The broker-restart test stops RabbitMQ for everyone, and vitest runs test files in parallel
 * processes. Every test file that talks to RabbitMQ holds this lock while it does, so no other
 * RabbitMQ test is running when the broker goes down. A lock file (with the holder's pid, removed if
 * that process is gone) works across the forks; within one process it is re-entrant.
 */
const lockPath = join(tmpdir(), 'hamgam-rabbitmq-tests.lock');
let heldByThisProcess = 0;

export async function acquireBrokerLock(timeoutMs = 120_000): Promise<() => Promise<void>> {
  const release = async () => {
    heldByThisProcess--;
    if (heldByThisProcess === 0) await rm(lockPath, { force: true });
  };
  if (heldByThisProcess > 0) {
    heldByThisProcess++;
    return release;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryCreate()) {
      heldByThisProcess = 1;
      return release;
    }
    if (Date.now() > deadline)
      throw new Error(`RabbitMQ test lock ${lockPath} still held after ${timeoutMs} ms`);
    await removeIfStale();
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tryCreate(): Promise<boolean> {
  try {
    const file = await open(lockPath, 'wx');
    await file.writeFile(String(process.pid));
    await file.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function removeIfStale(): Promise<void> {
  const pid = Number(await readFile(lockPath, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return; // being written right now, or gone
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') await rm(lockPath, { force: true });
  }
}
