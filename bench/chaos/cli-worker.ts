import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../core/cli.ts', import.meta.url));

export interface WorkerExit {
  code: number | null;
  killed: boolean;
  /** The last lines it wrote, for a report when it failed. */
  tail: string[];
  /** Its whole output, when it was given a file. */
  logFile?: string;
}

/** Workers alive now, so a runner stopped by a signal can take them down with it. */
const alive = new Set<CliWorker>();

export async function killAllWorkers(): Promise<void> {
  await Promise.all([...alive].map((w) => w.kill()));
}

/**
 * One `hamgam <command>` process, the real CLI as an operator runs it. Every line it writes (progress
 * on stderr, JSON logs on stdout) goes to `onLine`, so the runner can time a SIGKILL from what the
 * worker is doing rather than from when it was spawned (a worker still loading its modules tests
 * nothing).
 */
export class CliWorker {
  readonly exited: Promise<WorkerExit>;
  private readonly tail: string[] = [];
  private killedBySignal = false;
  /** It has written a line: its modules are loaded and it is at work. */
  hasSpoken = false;
  private readonly child;

  constructor(
    args: string[],
    env: Record<string, string>,
    onLine: (line: string) => void = () => {},
    logFile?: string,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    alive.add(this);
    // The whole output, not only the tail: an uncaught exception's stack is long and the last
    // 40 lines are often only its end (issue 11, a pusher that died on a PostgreSQL restart).
    const file: WriteStream | undefined = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
    const read = (chunk: Buffer) => {
      file?.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.hasSpoken = true;
        this.tail.push(line.slice(0, 400));
        if (this.tail.length > 40) this.tail.shift();
        onLine(line);
      }
    };
    this.child.stdout.on('data', read);
    this.child.stderr.on('data', read);
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': the output is read to its end (the stack of a crash comes last).
      this.child.once('close', (code, signal) => {
        alive.delete(this);
        const exit = {
          code,
          killed: this.killedBySignal && signal === 'SIGKILL',
          tail: this.tail,
          ...(logFile ? { logFile } : {}),
        };
        if (file) file.end(() => resolve(exit));
        else resolve(exit);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no handler runs, no lock is released, nothing is flushed — a power cut for the process. */
  async kill(): Promise<WorkerExit> {
    if (this.running) {
      this.killedBySignal = true;
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }
}
