import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../core/cli.ts', import.meta.url));

/**
 * The simulator in its own process, so the benchmark measures the engine's CPU and memory, not the
 * simulator's (two cores: one serves Mahak, one syncs).
 */
export async function startSimProcess(
  products: number,
  seed = 7,
): Promise<{ syncUrl: string; origin: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      'mahak-sim',
      '--port',
      '0',
      '--products',
      String(products),
      '--seed',
      String(seed),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, HAMGAM_LOG_LEVEL: 'warn' },
    },
  );
  const syncUrl = await readSyncUrl(child);
  return {
    syncUrl,
    origin: new URL(syncUrl).origin,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function readSyncUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/[\d.:]+\/API\/v3\/Sync)/i.exec(out);
      if (match) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`simulator exited with ${code} before printing its URL:\n${out}`)),
    );
  });
}
