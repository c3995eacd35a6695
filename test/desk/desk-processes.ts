import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');

/** A `hamgam <command>` child process and everything it printed so far. */
export interface HamgamChild {
  process: ChildProcess;
  output(): string;
  /** Resolves with the first capture group of `pattern` once the output matches it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `tsx core/cli.ts <args>` in its own process group (tsx runs node as a child of its own), so
 * stop() can end the whole group by its id: SIGTERM for a clean close, SIGKILL if it hangs.
 */
export function startHamgam(args: string[], env: Record<string, string>): HamgamChild {
  const child = spawn(tsx, ['core/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.on('exit', () => {
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    process: child,
    output: () => text,
    waitFor: (pattern, timeoutMs = 180_000) =>
      new Promise((done, fail) => {
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(text);
          if (match) finish(undefined, match[1] ?? match[0]);
          else if (child.exitCode !== null || child.signalCode !== null)
            finish(new Error(`hamgam ${args[0]} exited (${child.exitCode ?? child.signalCode})`));
        };
        const finish = (error?: Error, value?: string) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) fail(new Error(`${error.message}\n--- output ---\n${text}`));
          else done(value!);
        };
        waiters.add(check);
        check();
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Polls until the URL answers 2xx (the server listens before the line is printed; this is belt and braces). */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const deskSources = ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'core/contracts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/**
 * Builds renderer/dist when it is older than its sources, so the browser tests never test a stale desk.
 * Test files run in parallel forks: a lock directory makes one build while the others wait for it.
 */
export async function ensureFreshDesk(): Promise<void> {
  const index = resolve(repoRoot, 'renderer/dist/index.html');
  const fresh = () =>
    existsSync(index) &&
    statSync(index).mtimeMs >= Math.max(...deskSources.map((p) => newestMtime(resolve(repoRoot, p))));
  const lock = resolve(repoRoot, '.tmp/desk-build.lock');
  mkdirSync(resolve(repoRoot, '.tmp'), { recursive: true });
  for (let waited = 0; !fresh(); waited += 250) {
    if (tryLock(lock)) {
      try {
        if (fresh()) return;
        const build = spawnSync(process.execPath, ['bin/build-desk.mjs'], {
          cwd: repoRoot,
          encoding: 'utf8',
        });
        if (build.status !== 0) throw new Error(`desk build failed:\n${build.stdout}\n${build.stderr}`);
        return;
      } finally {
        rmdirSync(lock);
      }
    }
    // A lock older than two minutes belongs to a killed run.
    if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 250));
  }
}

function tryLock(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch {
    return false;
  }
}
