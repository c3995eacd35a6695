import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

interface LockEntry {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}

const readJson = <T>(...p: string[]) => JSON.parse(readFileSync(join(root, ...p), 'utf8')) as T;
const documentedNode = (...p: string[]) =>
  readJson<{ engines: { node: string } }>(...p, 'package.json').engines.node;
const lowest = (range: string) => semver.minVersion(range)!.version;

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
const nodeRange = (entry: LockEntry) =>
  entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;

/** Packages of a lock file whose `engines.node` refuses `version`, as "name@version (range)". */
function refusing(lockDir: string[], version: string, wanted: (entry: LockEntry) => boolean = () => true) {
  const lock = readJson<{ packages: Record<string, LockEntry> }>(...lockDir, 'package-lock.json');
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && wanted(entry))
    .filter(([, entry]) => {
      const range = nodeRange(entry);
      return range !== undefined && !semver.satisfies(version, range, { includePrerelease: true });
    })
    .map(([path, entry]) => `${nameOf(path)}@${entry.version} (${nodeRange(entry)})`);
}

/**
 * The oldest Node 20 the development tools accept (Vite 8, ESLint 10 and rolldown say ^20.19.0); CI
 * and the Dockerfile's node:20 image run a later 20.x. Checked as well as the running Node so that a
 * run on Node 22 still catches a package that drops Node 20.
 */
const devNode20 = '20.19.0';

// `npm ci` at the root on Node 20 prints no EBADENGINE warning (issue 11, Dependencies), with no
// exceptions: the Electron tool chain, which needs Node 22.12, lives in desktop/ with its own lock
// (docs/decisions.md, "Node versions").
describe('Node versions the dependencies accept', () => {
  const server = lowest(documentedNode());

  it(`every production dependency accepts the lowest documented Node (${server}) and this one`, () => {
    expect(refusing([], server, (e) => !e.dev)).toEqual([]);
    expect(refusing([], process.version, (e) => !e.dev)).toEqual([]);
  });

  it(`every package of the root lock, dev or not, accepts Node ${devNode20} and this one`, () => {
    expect(refusing([], devNode20)).toEqual([]);
    expect(refusing([], process.version)).toEqual([]);
  });

  it("every package of desktop/'s lock accepts the Node desktop/ documents (the build machine's)", () => {
    const desktopNode = lowest(documentedNode('desktop'));
    expect(desktopNode).toBe('22.12.0');
    expect(refusing(['desktop'], desktopNode)).toEqual([]);
  });
});
