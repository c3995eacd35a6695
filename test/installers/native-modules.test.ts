import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  afterPack,
  builtForAbi,
  electronTarget,
  projectDir,
  rebuildForElectron,
  resourcesDir,
  scratchDir,
} from '../../desktop/native-modules.mjs';

// The electron-builder hooks with Electron and @electron/rebuild stood in for (both are installed only
// in desktop/, and the rebuild would download Electron's headers): what they copy, where they pack, and
// that the repository's own build is never touched. desktop/test/native-abi.test.ts reads the real
// Electron on the build machine.
const nodeBinary = join(
  projectDir,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
const platform = 'testos'; // its own scratch folder, never a real build's
const temps: string[] = [];
/** An installed electron package as the hooks read it: its version and NODE_MODULE_VERSION. */
const standIn = mkdtempSync(join(tmpdir(), 'hamgam-electron-'));
temps.push(standIn);
writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'electron', version: '45.6.1' }));
writeFileSync(join(standIn, 'abi_version'), '140\n');
const electron = electronTarget(standIn);
afterAll(() => {
  for (const d of [...temps, scratchDir(platform, 'x64')]) rmSync(d, { recursive: true, force: true });
});

/** Plays @electron/rebuild: writes a binary registering for the given ABI where node-gyp would. */
const fakeRebuild = (abi: string) => async (o: Record<string, unknown>) => {
  const out = join(
    o.buildPath as string,
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `\0ELF...node_register_module_v${abi}\0`);
};

describe('native module hooks (desktop/native-modules.mjs)', () => {
  it("knows the ABIs: Node's build in the repository, Electron's from its package", () => {
    expect(builtForAbi(nodeBinary, process.versions.modules)).toBe(true);
    expect(builtForAbi(nodeBinary, electron.abi)).toBe(false);
    expect(electron).toEqual({ version: '45.6.1', abi: '140' });
  });

  it('rebuilds a copy for Electron and leaves the Node build in node_modules alone', async () => {
    const before = readFileSync(nodeBinary);
    const seen: Record<string, unknown>[] = [];
    const binary = await rebuildForElectron({
      platform,
      arch: 'x64',
      electron,
      rebuild: async (o) => {
        seen.push(o);
        await fakeRebuild(electron.abi)(o);
      },
    });
    expect(binary.startsWith(scratchDir(platform, 'x64'))).toBe(true);
    expect(builtForAbi(binary, electron.abi)).toBe(true);
    expect(seen[0]).toMatchObject({
      electronVersion: electron.version,
      arch: 'x64',
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    // The copy has the sources node-gyp needs, not the Node build output.
    const copy = join(scratchDir(platform, 'x64'), 'node_modules', 'better-sqlite3');
    expect(existsSync(join(copy, 'package.json'))).toBe(true);
    expect(existsSync(join(copy, 'src'))).toBe(true);
    expect(readFileSync(nodeBinary).equals(before)).toBe(true);
  });

  it('stops the build when the rebuild did not produce an Electron binary', async () => {
    await expect(
      rebuildForElectron({ platform, arch: 'x64', electron, rebuild: fakeRebuild(process.versions.modules) }),
    ).rejects.toThrow(/not rebuilt for Electron/);
  });

  it('afterPack puts the Electron build into app.asar.unpacked and checks its ABI', async () => {
    await rebuildForElectron({ platform, arch: 'x64', electron, rebuild: fakeRebuild(electron.abi) });
    const appOutDir = mkdtempSync(join(tmpdir(), 'hamgam-appout-'));
    temps.push(appOutDir);
    const context = {
      appOutDir,
      electronPlatformName: platform,
      arch: 1,
      packager: { appInfo: { productFilename: 'Hamgam' } },
    };
    const packed = join(
      resourcesDir(context),
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    await expect(afterPack(context, electron)).rejects.toThrow(/asarUnpack/);
    mkdirSync(dirname(packed), { recursive: true });
    writeFileSync(packed, readFileSync(nodeBinary));
    await afterPack(context, electron);
    expect(builtForAbi(packed, electron.abi)).toBe(true);
    expect(builtForAbi(nodeBinary, process.versions.modules)).toBe(true);
  });

  it('finds the resources folder on each platform', () => {
    const packager = { appInfo: { productFilename: 'Hamgam' } };
    expect(resourcesDir({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      join('/o', 'resources'),
    );
    expect(resourcesDir({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      join('/o', 'resources'),
    );
    expect(resourcesDir({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      join('/o', 'Hamgam.app', 'Contents', 'Resources'),
    );
  });
});
