import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../electron/build.js';

// The main bundle needs desktop/'s packages (electron-log, electron-updater), so it is built and
// checked here; the root's test/electron/electron-build.test.ts covers the other three bundles.
const root = join(import.meta.dirname, '..', '..');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
let out: string;

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  out = mkdtempSync(join(root, '.tmp', 'electron-main-'));
  await buildElectron(out, ['main']);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('main bundle (desktop/src/main.ts)', () => {
  it('requires electron and Node built-ins only: electron-log and electron-updater are inside', () => {
    const text = readFileSync(join(out, 'main.cjs'), 'utf8');
    const required = new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect(required.has('electron')).toBe(true);
    expect([...required].filter((m) => m !== 'electron' && !builtins.has(m))).toEqual([]);
  });
});
