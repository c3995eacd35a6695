import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const json = (...p: string[]) => JSON.parse(readFileSync(join(root, ...p), 'utf8')) as unknown;

// `npm ci` must stay offline-safe (CI, the Dockerfile, install.sh): the Electron binary is never
// fetched at install time. Electron >= 40 has no install script at all (the binary is fetched on
// first run of `electron`, or by `npx install-electron`), and npm 11 runs no dependency script that
// package.json `allowScripts` does not list. Either guard alone would do; these tests keep both.
describe('desktop dependencies', () => {
  const pkg = json('package.json') as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    allowScripts: Record<string, boolean>;
  };

  it('installs electron without an install-time download', () => {
    const electron = json('node_modules', 'electron', 'package.json') as { scripts?: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall'])
      expect(electron.scripts?.[hook], `electron ${hook} script`).toBeUndefined();
    expect(pkg.allowScripts.electron).not.toBe(true);
  });

  it('keeps the desktop tool chain out of the headless server install (npm ci --omit=dev)', () => {
    for (const name of [
      'electron',
      'electron-builder',
      '@electron/rebuild',
      'electron-log',
      'electron-updater',
      'esbuild',
    ]) {
      expect(pkg.devDependencies[name], name).toBeDefined();
      expect(pkg.dependencies[name], name).toBeUndefined();
    }
  });
});
