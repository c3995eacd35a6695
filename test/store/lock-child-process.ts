import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./lock-child.ts', import.meta.url));

/** Drives one lock-child.ts process: send a command, await its one-line answer. */
export class LockChildProcess {
  private readonly answers: string[] = [];
  private waiting?: (line: string) => void;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.answers.push(line);
    });
  }

  static async start(url: string, owner: string): Promise<LockChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', script, url, owner], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const proc = new LockChildProcess(child);
    const ready = await Promise.race([
      proc.next(),
      new Promise<string>((resolve) => child.once('exit', (code) => resolve(`exited ${code}: ${stderr}`))),
    ]);
    if (ready !== 'ready') throw new Error(`lock child did not start: ${ready}`);
    return proc;
  }

  async send(command: string): Promise<string> {
    this.child.stdin.write(`${command}\n`);
    return this.next();
  }

  /** Dies without releasing anything, as a crashed instance would. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end('exit\n');
    await exited;
  }

  private next(): Promise<string> {
    const queued = this.answers.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
