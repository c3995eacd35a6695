import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// electron-builder's own code against electron-builder.yml: its configuration schema and the NSIS
// language table. Runs here because electron-builder is installed only in desktop/; the root's
// test/installers/electron-builder.test.ts checks the rest of the file on every CI run.
const desktopDir = join(import.meta.dirname, '..');
const read = (...p: string[]) => readFileSync(join(desktopDir, ...p), 'utf8');
const config = parse(read('electron-builder.yml'), { strict: true }) as {
  nsis: Record<string, unknown>;
};
const require = createRequire(import.meta.url);

describe('electron-builder.yml, read by electron-builder', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: { add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { add: () => {} })).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: true } }, { add: () => {} }),
    ).rejects.toThrow(/configuration/);
  });

  it('asks NSIS for "Persian" then "English" (installer.nsh maps Persian to Farsi.nlf, LCID 1065)', () => {
    const langs = require('app-builder-lib/out/util/langs.js') as { lcid: Record<string, number> };
    expect(langs.lcid.fa_IR).toBe(1065);
    expect(langs.lcid.en_US).toBe(1033);
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
  });
});
