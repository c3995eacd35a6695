import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDockerfile, readRepoFile, repoRoot } from './docker-files.js';

// The image's start command and HEALTHCHECK, run for real on this machine (no docker engine here):
// the same `node bin/hamgam.mjs serve` the container and the systemd unit start, on SQLite.
const instructions = parseDockerfile(readRepoFile('docker', 'Dockerfile'));
const execForm = (op: string) => JSON.parse(instructions.filter((i) => i.op === op).at(-1)!.args) as string[];
const healthcheck = JSON.parse(
  /CMD (\[.*\])$/.exec(instructions.find((i) => i.op === 'HEALTHCHECK')!.args)![1],
) as string[];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function probe(port: number): number | null {
  const [command, ...args] = healthcheck;
  return spawnSync(command, args, { env: { ...process.env, HAMGAM_PORT: String(port) }, timeout: 10_000 })
    .status;
}

describe('the image start command and its HEALTHCHECK', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hamgam-health-'));
  let server: ChildProcess | undefined;

  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports healthy while `serve` runs and unhealthy once it stops', async () => {
    const port = await freePort();
    expect(probe(port)).toBe(1); // nothing listening yet

    const [command, ...args] = [...execForm('ENTRYPOINT'), ...execForm('CMD')];
    server = spawn(command, args, {
      cwd: repoRoot,
      stdio: 'ignore',
      env: {
        ...process.env,
        HAMGAM_HOST: '127.0.0.1',
        HAMGAM_PORT: String(port),
        HAMGAM_DATA_DIR: dataDir,
        HAMGAM_DB: `sqlite:${join(dataDir, 'hamgam.db')}`,
        HAMGAM_QUEUE: 'local',
        HAMGAM_BLOB: `file:${join(dataDir, 'blobs')}`,
        HAMGAM_MAHAK_URL: 'http://127.0.0.1:9/API/v3/Sync', // nothing there: serve must still come up
        HAMGAM_LOG_LEVEL: 'warn',
      },
    });
    // A cold `serve` (migrations, the desk's files, the engine) took over 45 s at a load average of 15.
    const deadline = Date.now() + 150_000;
    let status = probe(port);
    while (status !== 0 && Date.now() < deadline && server.exitCode === null) {
      await new Promise((r) => setTimeout(r, 500));
      status = probe(port);
    }
    expect(server.exitCode).toBeNull();
    expect(status).toBe(0);

    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    expect(probe(port)).toBe(1);
  }, 180_000);
});
