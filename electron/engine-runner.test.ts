import { EventEmitter, once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../core/mahak-sim/index.js';
import { engineArgv, type EngineMessage, type HostMessage } from './engine-protocol.js';
import { parseEngineArgs, runEngine, type ParentPortLike } from './engine-runner.js';

/** Plays Electron main: receives what the engine posts, sends it host messages. */
class FakeParentPort extends EventEmitter implements ParentPortLike {
  readonly posted: EngineMessage[] = [];
  postMessage(message: EngineMessage): void {
    this.posted.push(message);
    this.emit('posted', message);
  }
  fromMain(message: HostMessage): void {
    this.emit('message', { data: message });
  }
  next(type: EngineMessage['type']): Promise<EngineMessage> {
    const seen = this.posted.find((m) => m.type === type);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const on = (m: EngineMessage) => {
        if (m.type !== type) return;
        this.off('posted', on);
        resolve(m);
      };
      this.on('posted', on);
    });
  }
}

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hamgam-engine-'));
  dirs.push(d);
  return d;
}

async function startEngine(env: NodeJS.ProcessEnv, port = 0) {
  const root = tempDir();
  const parent = new FakeParentPort();
  const exits: number[] = [];
  const exited = new Promise<number>((resolve) => parent.once('exit', resolve));
  const args = { dataDir: join(root, 'data'), port, logFile: join(root, 'logs', 'engine.log') };
  void runEngine(parent, engineArgv(args), {
    env,
    exit: (code) => {
      exits.push(code);
      parent.emit('exit', code);
    },
  });
  return { root, parent, args, exits, exited };
}

describe('runEngine (the utility-process side, with the real engine)', () => {
  let sim: MahakSim;

  it('reports a loopback URL, serves, pulls on Sync now, and stops cleanly', async () => {
    sim = await startMahakSim({ port: 0, products: 20, seed: 7 });
    cleanups.push(() => sim.close());
    const engine = await startEngine({ HAMGAM_MAHAK_URL: sim.syncUrl, HAMGAM_LOG_LEVEL: 'info' });
    const ready = await engine.parent.next('ready');
    expect(ready.type === 'ready' && ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = (ready as { url: string }).url;
    expect((await fetch(`${url}/health`)).status).toBe(200);

    engine.parent.fromMain({ type: 'sync-now', id: 7 });
    expect(await engine.parent.next('sync-result')).toEqual({ type: 'sync-result', id: 7, outcome: 'ran' });
    const products = (await (await fetch(`${url}/api/v1/products?limit=50`)).json()) as { items: unknown[] };
    expect(products.items.length).toBeGreaterThan(0);

    engine.parent.fromMain({ type: 'stop' });
    expect(await engine.exited).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    // Everything lives in the data folder; the log went to the log file, not to stdout.
    expect(existsSync(join(engine.args.dataDir, 'hamgam.db'))).toBe(true);
    expect(readFileSync(engine.args.logFile, 'utf8')).toMatch(/"level":30/);
  });

  it('falls back to a free port when the preferred one is taken', async () => {
    const blocker: Server = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const taken = (blocker.address() as { port: number }).port;
    const engine = await startEngine({ HAMGAM_PULL_SCHEDULE: '0 0 1 1 *' }, taken);
    const ready = (await engine.parent.next('ready')) as { url: string };
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.url).not.toBe(`http://127.0.0.1:${taken}`);
    engine.parent.fromMain({ type: 'stop' });
    expect(await engine.exited).toBe(0);
  });

  it("reports the engine's error code and exits 1 when the configuration is bad", async () => {
    const root = tempDir();
    const dataDir = join(root, 'data');
    const parent = new FakeParentPort();
    let exitCode: number | undefined;
    writeFileSync(join(root, 'bad.json'), '{"port": "eighty"}');
    await runEngine(parent, engineArgv({ dataDir, port: 0, logFile: join(root, 'engine.log') }), {
      env: { HAMGAM_CONFIG: join(root, 'bad.json'), HAMGAM_QUEUE: 'kafka://nope' },
      exit: (code) => (exitCode = code),
    });
    expect(parent.posted).toHaveLength(1);
    expect(parent.posted[0]).toMatchObject({ type: 'failed', code: 'CONFIG_INVALID' });
    expect(exitCode).toBe(1);
  });

  it('parses its arguments and refuses missing ones', () => {
    expect(parseEngineArgs(['--data-dir', '/d', '--port', '47380', '--log-file', '/l/e.log'])).toEqual({
      dataDir: '/d',
      port: 47380,
      logFile: '/l/e.log',
    });
    expect(() => parseEngineArgs(['--port', '1'])).toThrow(/--data-dir/);
    expect(() => parseEngineArgs(['--data-dir', '/d', '--log-file', '/l', '--port', '-3'])).toThrow();
  });
});
