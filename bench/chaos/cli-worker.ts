import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../core/cli.ts', import.meta.url));

export interface WorkerExit {
  code: number | null;
  killed: boolean;
  /** The last lines it wrote, for a report when it failed. */
  tail: string[];
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

  constructor(args: string[], env: Record<string, string>, onLine: (line: string) => void = () => {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const read = (chunk: Buffer) => {
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
      this.child.once('exit', (code, signal) =>
        resolve({ code, killed: this.killedBySignal && signal === 'SIGKILL', tail: this.tail }),
      );
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
