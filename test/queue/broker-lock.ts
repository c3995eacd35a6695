import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The broker-restart tests stop RabbitMQ for everyone, and vitest runs test files in parallel
 * processes. A readers-writer lock across the forks: a file that only talks to RabbitMQ holds it
 * shared (many at once, so the RabbitMQ suites run side by side); a file that stops the broker holds
 * it exclusive (alone). Each holder is a file named by its pid in one folder, removed if that process
 * is gone; within one process the lock is re-entrant.
 *
 * Protocol, on the file system's atomic create: a shared holder writes its file, then checks there is
 * no exclusive file (if there is, it takes its file back and waits); an exclusive holder creates the
 * exclusive file, then waits until no shared file is left. Either way one side always sees the other.
 */
const lockDir = join(tmpdir(), 'hamgam-rabbitmq-tests.locks');
const exclusiveFile = join(lockDir, 'exclusive');
const sharedFile = join(lockDir, `shared-${process.pid}`);
let held: { mode: 'shared' | 'exclusive'; count: number } | undefined;

/**
 * For the hook that takes the lock: an exclusive holder (a broker restart) can keep it for minutes on
 * a loaded machine, and a hook's 60 s default then failed files that only waited their turn. Longer
 * than the lock's own deadline, so that deadline's clear error is what a real hang shows.
 */
export const brokerLockHookTimeoutMs = 16 * 60_000;

export interface BrokerLockOptions {
  /** The holder stops or restarts the broker: nobody else may use it meanwhile. */
  exclusive?: boolean;
  timeoutMs?: number;
}

export async function acquireBrokerLock(options: BrokerLockOptions = {}): Promise<() => Promise<void>> {
  const mode = options.exclusive ? 'exclusive' : 'shared';
  const release = async () => {
    if (!held || --held.count > 0) return;
    const mine = held.mode === 'exclusive' ? exclusiveFile : sharedFile;
    held = undefined;
    await rm(mine, { force: true });
  };
  if (held) {
    if (held.mode !== mode && mode === 'exclusive')
      throw new Error('broker lock: shared holder asked for exclusive');
    held.count++;
    return release;
  }
  await mkdir(lockDir, { recursive: true });
  // Long: a shared holder may run a crash test for minutes; the test's own timeout is the real bound.
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  const acquire = mode === 'exclusive' ? tryExclusive : tryShared;
  while (!(await acquire())) {
    if (Date.now() > deadline) {
      if (exclusiveCreated) await rm(exclusiveFile, { force: true });
      exclusiveCreated = false;
      throw new Error(`RabbitMQ test lock ${lockDir} (${mode}) not had in time`);
    }
    await removeStale();
    await new Promise((r) => setTimeout(r, 100));
  }
  held = { mode, count: 1 };
  return release;
}

async function tryShared(): Promise<boolean> {
  await writePid(sharedFile, 'w');
  if (!(await exists(exclusiveFile))) return true;
  await rm(sharedFile, { force: true });
  return false;
}

let exclusiveCreated = false;
async function tryExclusive(): Promise<boolean> {
  if (!exclusiveCreated) {
    if (!(await writePid(exclusiveFile, 'wx'))) return false;
    exclusiveCreated = true;
  }
  const shared = (await readdir(lockDir)).filter((f) => f.startsWith('shared-'));
  if (shared.length > 0) return false;
  exclusiveCreated = false;
  return true;
}

async function writePid(path: string, flags: 'w' | 'wx'): Promise<boolean> {
  try {
    const file = await open(path, flags);
    await file.writeFile(String(process.pid));
    await file.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** Holders whose process is gone (a killed test run) do not block anyone. */
async function removeStale(): Promise<void> {
  for (const name of await readdir(lockDir).catch(() => [] as string[])) {
    const path = join(lockDir, name);
    const pid = Number(await readFile(path, 'utf8').catch(() => ''));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') await rm(path, { force: true });
    }
  }
}
