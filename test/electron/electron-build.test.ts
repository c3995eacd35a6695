import { spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../electron/build.js';

// The desktop bundles (electron/build.ts), built into a temp folder and checked the way the package
// uses them: the preload must load in a sandbox, and the engine bundle must run on a plain Node runtime
// (the utility process is one) with only the packaged dependencies. main bundles electron-log and
// electron-updater from desktop/'s own install, so desktop/test/main-bundle.test.ts checks it there.
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
let out: string;

beforeAll(async () => {
  // Inside the repository, so the engine bundle resolves node_modules as it does in the package.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  out = mkdtempSync(join(root, '.tmp', 'electron-dist-'));
  await buildElectron(out, ['preload', 'engine', 'cli']);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const requires = (file: string) =>
  new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
const imports = (file: string) =>
  new Set(
    [
      ...readFileSync(file, 'utf8').matchAll(
        /^\s*(?:import|export)\b[^'"]*?from\s*"([^"]+)"|import\("([^"]+)"\)/gm,
      ),
    ].map((m) => m[1] ?? m[2]),
  );
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

describe('electron bundles', () => {
  it('preload: one CommonJS file that requires nothing but electron (sandbox)', () => {
    expect([...requires(join(out, 'preload.cjs'))]).toEqual(['electron']);
  });

  it.each(['engine.mjs', 'hamgam.mjs'])(
    '%s: imports only Node built-ins and runtime dependencies the package ships',
    (file) => {
      const external = [...imports(join(out, file))].filter((m) => !builtins.has(m));
      expect(external.length).toBeGreaterThan(3);
      for (const spec of external) expect(pkg.dependencies[packageOf(spec)], spec).toBeDefined();
    },
  );

  it("engine: core's file-relative URLs still point into the source tree (the desk's renderer/dist)", () => {
    const text = readFileSync(join(out, 'engine.mjs'), 'utf8');
    const m = /new URL\("([^"]*renderer\/dist)", new URL\("([^"]+)", import\.meta\.url\)\.href\)/.exec(text);
    expect(m).not.toBeNull();
    const source = new URL(m![2], pathToFileURL(join(out, 'engine.mjs')));
    expect(fileURLToPath(source)).toBe(join(root, 'core', 'api', 'routes', 'desk-routes.ts'));
    expect(fileURLToPath(new URL(m![1], source))).toBe(resolve(root, 'renderer', 'dist'));
  });

  it('engine: the bundle runs on Node with a stand-in parentPort, serves, and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-bundle-run-'));
    try {
      // Stands in for Electron's process.parentPort: messages as JSON lines on stdin/stdout.
      const harness = join(dir, 'harness.mjs');
      writeFileSync(
        harness,
        [
          "import { createInterface } from 'node:readline';",
          'const listeners = [];',
          'process.parentPort = { on: (_e, fn) => listeners.push(fn), postMessage: (m) => process.stdout.write(JSON.stringify(m) + "\\n") };',
          "createInterface({ input: process.stdin }).on('line', (l) => listeners.forEach((fn) => fn({ data: JSON.parse(l) })));",
          'await import(process.env.ENGINE_URL);',
        ].join('\n'),
      );
      const child = spawn(
        process.execPath,
        [harness, '--data-dir', join(dir, 'data'), '--port', '0', '--log-file', join(dir, 'engine.log')],
        {
          env: {
            PATH: process.env.PATH,
            ENGINE_URL: pathToFileURL(join(out, 'engine.mjs')).href,
            HAMGAM_PULL_SCHEDULE: '0 0 1 1 *',
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', r));
      const lines = createInterface({ input: child.stdout });
      const ready = await new Promise<{ type: string; url?: string }>((resolveReady, reject) => {
        lines.on('line', (l) => resolveReady(JSON.parse(l)));
        child.on('exit', () => reject(new Error(`engine exited: ${stderr}`)));
      });
      expect(ready).toMatchObject({
        type: 'ready',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      expect((await fetch(`${ready.url}/health`)).status).toBe(200);
      child.stdin.write(JSON.stringify({ type: 'stop' }) + '\n');
      expect(await exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
