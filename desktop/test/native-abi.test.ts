import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronTarget } from '../native-modules.mjs';

// The installed Electron, as the native-module hooks read it: the ABI better-sqlite3 is rebuilt for.
// The root's test/installers/native-modules.test.ts runs the hooks against a stand-in Electron.
describe('Electron for the package', () => {
  const electron = electronTarget();
  const lock = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };

  it('is the locked version, with an ABI of its own (not the Node build in the root node_modules)', () => {
    expect(electron.version).toBe(lock.packages['node_modules/electron'].version);
    expect(electron.abi).toMatch(/^\d+$/);
    expect(electron.abi).not.toBe(process.versions.modules);
  });
});
