import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './installer-files.js';

// desktop/electron-builder.yml, checked without electron-builder (it is installed only in desktop/, on
// the build machine, where desktop/test/electron-builder-schema.test.ts runs its own schema and NSIS
// language code against this file): what the desktop app needs from it, and that every path it names
// exists where electron-builder resolves it.
const read = (...p: string[]) => readFileSync(join(repoRoot, ...p), 'utf8');
const desktopDir = join(repoRoot, 'desktop');
const config = parse(read('desktop', 'electron-builder.yml'), { strict: true }) as {
  appId: string;
  directories: { app: string; output: string; buildResources: string };
  productName: string;
  files: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  asarUnpack: string[];
  npmRebuild: boolean;
  beforePack: string;
  afterPack: string;
  publish: { provider: string; url: string };
  linux: { target: string[]; desktop: { entry: Record<string, string> } };
  win: { target: { target: string; arch: string[] }[] };
  nsis: Record<string, unknown> & { installerLanguages: string[]; include: string };
  mac: { target: string[] };
};
const pkg = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string> };
const desktopPkg = JSON.parse(read('desktop', 'package.json')) as { scripts: Record<string, string> };
const buildOutputs = ['electron/dist', 'renderer/dist'];
/** Where electron-builder looks: `files` under the app (the root), the rest under desktop/. */
const appDir = resolve(desktopDir, config.directories.app);
const fromDesktop = (p: string) => resolve(desktopDir, p);

describe('desktop/electron-builder.yml', () => {
  it('packs the repository root as the app, and writes into release/ beside it', () => {
    expect(appDir).toBe(repoRoot);
    expect(fromDesktop(config.directories.output)).toBe(join(repoRoot, 'release'));
    expect(fromDesktop(config.directories.buildResources)).toBe(join(repoRoot, 'installers', 'electron'));
    for (const resource of ['icon.png', config.nsis.include])
      expect(existsSync(join(repoRoot, 'installers', 'electron', resource)), resource).toBe(true);
  });

  it('names the app, in Persian where people see it', () => {
    expect(config.appId).toBe('ir.hamgam.desktop');
    expect(config.productName).toBe('Hamgam');
    expect(config.linux.desktop.entry['Name[fa]']).toBe('همگام');
    expect(config.nsis.shortcutName).toBe('همگام');
  });

  it('builds AppImage + deb, a per-machine NSIS installer for x64, and a dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true });
    expect(config.mac.target).toEqual(['dmg']);
    expect(desktopPkg.scripts.build).toMatch(/build:desk.*electron\/build\.ts/);
    expect(desktopPkg.scripts.dist).toMatch(/check.*build.*electron-builder --config electron-builder.yml/);
    expect(pkg.scripts.dist).toMatch(/npm ci --prefix desktop|desktop:install/);
  });

  it('packs the bundles, the desk, core and the runtime files main loads', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    for (const pattern of [
      'electron/dist/**',
      'renderer/dist/**',
      'core/**',
      'node_modules/**',
      'package.json',
    ])
      expect(included).toContain(pattern);
    for (const pattern of included) {
      const base = pattern.replace(/\/\*\*$/, '');
      expect(existsSync(join(appDir, base)) || buildOutputs.includes(base), base).toBe(true);
    }
    expect(pkg.main).toBe('electron/dist/main.cjs');
    // The files main (electron/desktop-main.ts) opens next to its bundle.
    const main = read('electron', 'desktop-main.ts');
    for (const file of ['startup-error.html', "'assets', 'icon.png'", "'assets', 'tray.png'"])
      expect(main).toContain(file);
    for (const file of [
      'electron/startup-error.html',
      'electron/assets/icon.png',
      'electron/assets/tray.png',
    ])
      expect(existsSync(join(repoRoot, file)), file).toBe(true);
    expect(config.files).toContain('!**/*.test.ts');
  });

  it('ships the service script where the NSIS include runs it from', () => {
    expect(config.extraResources).toEqual([
      { from: '../installers/windows', to: 'installers/windows', filter: ['*.ps1'] },
    ]);
    expect(fromDesktop(config.extraResources[0].from)).toBe(join(repoRoot, 'installers', 'windows'));
    expect(read('installers', 'electron', 'installer.nsh')).toContain(
      '$INSTDIR\\resources\\installers\\windows\\install.ps1',
    );
    expect(existsSync(join(repoRoot, 'installers', 'windows', 'install.ps1'))).toBe(true);
  });

  it('native module: never rebuilt in place; the hooks pack an Electron-ABI build, unpacked from the asar', async () => {
    expect(config.npmRebuild).toBe(false);
    // electron-builder loads hooks only from inside its project folder (desktop/), relative to it.
    expect(config.beforePack).toBe('./native-modules.mjs');
    expect(config.afterPack).toBe(config.beforePack);
    const hooks = (await import('../../desktop/native-modules.mjs')) as Record<string, unknown>;
    expect(typeof hooks.beforePack).toBe('function');
    expect(typeof hooks.afterPack).toBe('function');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('auto-updates from a generic feed whose URL is configurable', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) });
    expect(read('electron', 'desktop-settings.ts')).toMatch(/updateUrl:/);
  });
});

describe('NSIS languages: Persian (fa_IR) and English', () => {
  it('lists Persian first, multi-language, with the language selector and Persian (1065) as the default', () => {
    expect(config.nsis.installerLanguages).toEqual(['fa_IR', 'en_US']);
    expect(config.nsis).toMatchObject({
      multiLanguageInstaller: true,
      displayLanguageSelector: true,
      language: '1065',
    });
  });

  it('installer.nsh loads NSIS\'s "Farsi" where electron-builder asks for "Persian", with every string in both', () => {
    const nsh = read('installers', 'electron', 'installer.nsh');
    expect(nsh).toMatch(/!macroundef MUI_LANGUAGE/);
    expect(nsh).toMatch(
      /!if "\$\{NLFID\}" == "Persian"\s+!insertmacro MUI_LANGUAGEEX "\$\{NSISDIR\}\\Contrib\\Language files" "Farsi"/,
    );
    // Our own strings, by LCID: 1065 Persian, 1033 English (electron-builder's table is checked in
    // desktop/test/electron-builder-schema.test.ts).
    const ids = (lcid: number) =>
      [...nsh.matchAll(new RegExp(`^LangString (\\w+) ${lcid} `, 'gm'))].map((m) => m[1]).sort();
    expect(ids(1065)).toEqual(ids(1033));
    expect(ids(1065).length).toBeGreaterThan(4);
  });

  it.skipIf(!existsSync('/usr/share/nsis/Contrib/Language files/Farsi.nlf'))(
    "NSIS's Farsi.nlf is language 1065",
    () => {
      const nlf = readFileSync('/usr/share/nsis/Contrib/Language files/Farsi.nlf', 'latin1');
      expect(nlf).toMatch(/# Language ID\s+1065/);
    },
  );
});
