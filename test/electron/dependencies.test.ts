import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const json = (...p: string[]) => JSON.parse(readFileSync(join(root, ...p), 'utf8')) as unknown;

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
}
interface Lock {
  packages: Record<string, { version?: string; hasInstallScript?: boolean } & Partial<Manifest>>;
}

/** What builds and runs the desktop app, and only it (docs/decisions.md, "Node versions"). */
const desktopToolchain = [
  'electron',
  'electron-builder',
  '@electron/rebuild',
  'electron-log',
  'electron-updater',
];
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
const isElectronTooling = (name: string) =>
  name === 'electron' ||
  name.startsWith('electron-') ||
  name.startsWith('@electron/') ||
  name.startsWith('@electron-internal/') ||
  name === 'app-builder-lib' ||
  name === 'dmg-builder';

// The root's `npm ci` (CI, development, the Dockerfile's build stage) installs the server and the desk;
// desktop/ has its own package.json and lock, installed only to build the desktop app (Node 22.12+).
describe('desktop dependencies', () => {
  const pkg = json('package.json') as Manifest;
  const lock = json('package-lock.json') as Lock;
  const desktop = json('desktop', 'package.json') as Manifest;
  const desktopLock = json('desktop', 'package-lock.json') as Lock;

  it('the root install has no Electron tool chain at all', () => {
    for (const name of desktopToolchain) {
      expect(pkg.dependencies?.[name], name).toBeUndefined();
      expect(pkg.devDependencies?.[name], name).toBeUndefined();
    }
    expect(Object.keys(lock.packages).map(nameOf).filter(isElectronTooling)).toEqual([]);
  });

  it('desktop/ declares it as its own dev dependencies, for the Node its tool chain needs', () => {
    expect(Object.keys(desktop.devDependencies ?? {}).sort()).toEqual([...desktopToolchain].sort());
    expect(desktop.dependencies).toBeUndefined();
    expect(semver.minVersion(desktop.engines.node)?.version).toBe('22.12.0');
    // npm ci refuses a lock that disagrees with package.json; say so here, on every CI run, too.
    expect(desktopLock.packages[''].devDependencies).toEqual(desktop.devDependencies);
    for (const name of desktopToolchain) {
      const locked = desktopLock.packages[`node_modules/${name}`]?.version;
      expect(locked && semver.satisfies(locked, desktop.devDependencies![name]), name).toBe(true);
    }
  });

  it('installs electron without an install-time download', () => {
    // Electron >= 40 has no install script (the binary is fetched on first run of `electron`, or by
    // electron-builder when packing), and npm 11 runs no dependency script `allowScripts` does not list.
    expect(desktopLock.packages['node_modules/electron'].hasInstallScript).toBeUndefined();
    expect(desktop.allowScripts?.electron).not.toBe(true);
  });
});
