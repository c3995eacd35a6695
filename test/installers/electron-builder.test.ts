import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './installer-files.js';

// electron-builder.yml, checked without building (the Electron binary cannot be downloaded here):
// electron-builder's own schema, then what the desktop app needs from it.
const read = (...p: string[]) => readFileSync(join(repoRoot, ...p), 'utf8');
const config = parse(read('electron-builder.yml'), { strict: true }) as {
  appId: string;
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
const require = createRequire(import.meta.url);
const buildOutputs = ['electron/dist', 'renderer/dist'];

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: { add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { add: () => {} })).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: true } }, { add: () => {} }),
    ).rejects.toThrow(/configuration/);
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
    expect(pkg.scripts.dist).toMatch(
      /build:desk.*build:electron.*electron-builder --config electron-builder.yml/,
    );
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
      expect(existsSync(join(repoRoot, base)) || buildOutputs.includes(base), base).toBe(true);
    }
    expect(pkg.main).toBe('electron/dist/main.cjs');
    // The files electron/main.ts opens next to its bundle.
    const main = read('electron', 'main.ts');
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
      { from: 'installers/windows', to: 'installers/windows', filter: ['*.ps1'] },
    ]);
    expect(read('installers', 'electron', 'installer.nsh')).toContain(
      '$INSTDIR\\resources\\installers\\windows\\install.ps1',
    );
    expect(existsSync(join(repoRoot, 'installers', 'windows', 'install.ps1'))).toBe(true);
  });

  it('native module: never rebuilt in place; the hooks pack an Electron-ABI build, unpacked from the asar', async () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./installers/electron/native-modules.mjs');
    expect(config.afterPack).toBe(config.beforePack);
    const hooks = (await import('../../installers/electron/native-modules.mjs')) as Record<string, unknown>;
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
  type Langs = {
    lcid: Record<string, number>;
    toLangWithRegion(l: string): string;
    langIdToName: Record<string, string>;
  };
  const langs = require('app-builder-lib/out/util/langs.js') as Langs;

  it('lists Persian first, multi-language, with the language selector and Persian as the default', () => {
    expect(config.nsis.installerLanguages).toEqual(['fa_IR', 'en_US']);
    expect(config.nsis).toMatchObject({
      multiLanguageInstaller: true,
      displayLanguageSelector: true,
      language: '1065',
    });
    expect(langs.lcid.fa_IR).toBe(1065);
  });

  it('electron-builder asks NSIS for "Persian", which installer.nsh loads as NSIS\'s "Farsi" (same LCID)', () => {
    const { LangConfigurator, createAddLangsMacro } =
      require('app-builder-lib/out/targets/nsis/nsisLang.js') as {
        LangConfigurator: new (o: unknown) => { langs: string[] };
        createAddLangsMacro(g: { macro(name: string, lines: string[]): void }, l: { langs: string[] }): void;
      };
    const macros: string[] = [];
    createAddLangsMacro(
      { macro: (_n, lines) => void macros.push(...lines) },
      new LangConfigurator(config.nsis),
    );
    expect(macros).toEqual(['!insertmacro MUI_LANGUAGE "Persian"', '!insertmacro MUI_LANGUAGE "English"']);
    const nsh = read('installers', 'electron', 'installer.nsh');
    expect(nsh).toMatch(/!macroundef MUI_LANGUAGE/);
    expect(nsh).toMatch(
      /!if "\$\{NLFID\}" == "Persian"\s+!insertmacro MUI_LANGUAGEEX "\$\{NSISDIR\}\\Contrib\\Language files" "Farsi"/,
    );
    // Our own strings exist in both languages, by the same LCIDs electron-builder uses.
    const ids = (lcid: number) =>
      [...nsh.matchAll(new RegExp(`^LangString (\\w+) ${lcid} `, 'gm'))].map((m) => m[1]).sort();
    expect(ids(langs.lcid.fa_IR)).toEqual(ids(langs.lcid.en_US));
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
