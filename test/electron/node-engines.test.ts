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

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const documentedNode = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

/**
 * The desktop build tool chain, and only it, needs Node 22.12: Electron 41 and later (and the
 * packages that fetch and rebuild for it) say so in `engines`. Electron 40, the last line that
 * accepts Node 20, no longer gets Chromium security fixes, and a desktop app that holds a shop's
 * books must not ship an unpatched browser. These are dev dependencies: `npm ci --omit=dev` (the
 * server, the Dockerfile, install.sh) never installs them, and `npm run dist` is run on a build
 * machine with Node 22 (docs/decisions.md, "Node versions").
 */
const desktopToolchain = new Set([
  'electron',
  '@electron/get',
  '@electron-internal/extract-zip',
  '@electron/rebuild',
  'node-abi',
]);

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
const nodeRange = (entry: LockEntry) =>
  entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;

/** Installed packages whose `engines.node` refuses `version`, as "name@version (range)". */
function refusing(version: string, wanted: (path: string, entry: LockEntry) => boolean): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && wanted(path, entry))
    .filter(([, entry]) => {
      const range = nodeRange(entry);
      return range !== undefined && !semver.satisfies(version, range, { includePrerelease: true });
    })
    .map(([path, entry]) => `${nameOf(path)}@${entry.version} (${nodeRange(entry)})`);
}

// `npm ci` on the documented Node prints no EBADENGINE warning (issue 11, Dependencies).
describe('Node versions the dependencies accept', () => {
  const lowest = semver.minVersion(documentedNode)!.version;
  it(`every production dependency accepts the lowest documented Node (${lowest})`, () => {
    expect(refusing(lowest, (_, e) => !e.dev)).toEqual([]);
    expect(refusing(process.version, (_, e) => !e.dev)).toEqual([]);
  });

  it('every dev dependency accepts it too, except the desktop build tool chain', () => {
    const refused = refusing(process.version, (path, e) => e.dev === true);
    expect(refused.filter((p) => !desktopToolchain.has(p.slice(0, p.lastIndexOf('@'))))).toEqual([]);
  });
});
