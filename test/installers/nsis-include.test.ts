import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireServices } from '../support/services.js';
import { hasCommand, installersDir, run } from './installer-files.js';

// installers/electron/installer.nsh compiled by a real makensis, with warnings as errors as
// electron-builder does, inside a script laid out like electron-builder's (the include in the
// header, then MUI2, the pages and `MUI_LANGUAGE "Persian"` as electron-builder writes it for fa_IR).
// CI installs nsis (.ci/run); elsewhere the test runs when makensis is there.
const include = join(installersDir, 'electron', 'installer.nsh');
const dir = mkdtempSync(join(tmpdir(), 'hamgam-nsis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const harness = `Unicode true
!define APP_EXECUTABLE_FILENAME "Hamgam.exe"
; electron-builder's --updated flag macro, reduced to a register test.
!macro _isUpdated _a _b _t _f
  StrCmp "$R9" "true" \`\${_t}\` \`\${_f}\`
!macroend
!define isUpdated \`"" isUpdated ""\`
!include "installer.nsh"
Name "Hamgam"
OutFile "\${OUT}"
InstallDir "$PROGRAMFILES64\\Hamgam"
RequestExecutionLevel admin
!ifndef BUILD_UNINSTALLER
  !insertmacro MUI_PAGE_DIRECTORY
  !insertmacro customPageAfterChangeDir
  !insertmacro MUI_PAGE_INSTFILES
!else
  !insertmacro MUI_UNPAGE_INSTFILES
!endif
!insertmacro MUI_LANGUAGE "Persian"
!insertmacro MUI_LANGUAGE "English"
!ifndef BUILD_UNINSTALLER
  Function .onInit
    !insertmacro customInit
  FunctionEnd
  Section "install"
    !insertmacro customInstall
  SectionEnd
!else
  Section "-writer"
    WriteUninstaller "$INSTDIR\\uninstall-hamgam.exe"
  SectionEnd
  Section "uninstall"
    !insertmacro customUnInstall
  SectionEnd
!endif
`;

function compile(nsh: string, ...defines: string[]) {
  writeFileSync(join(dir, 'installer.nsh'), nsh);
  writeFileSync(join(dir, 'harness.nsi'), harness);
  const out = join(dir, defines.length ? 'hamgam-uninstaller.exe' : 'hamgam-installer.exe');
  const args = [
    '-WX',
    '-INPUTCHARSET',
    'UTF8',
    `-DOUT=${out}`,
    ...defines.map((d) => `-D${d}`),
    join(dir, 'harness.nsi'),
  ];
  return run('makensis', args);
}

describe.skipIf(!hasCommand('makensis') && !requireServices)(
  'installers/electron/installer.nsh with makensis',
  () => {
    const nsh = readFileSync(include, 'utf8');

    it('compiles the installer in Persian (as NSIS "Farsi") and English, the service page included', () => {
      const r = compile(nsh);
      expect(r.stdout + r.stderr).toMatch(/2 language tables/);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    });

    it('compiles the uninstaller (service stop on update, removal otherwise)', () => {
      const r = compile(nsh, 'BUILD_UNINSTALLER');
      expect(r.status, r.stdout + r.stderr).toBe(0);
    });

    it('fails without the Persian -> Farsi mapping (what electron-builder alone would do)', () => {
      const start = nsh.indexOf('!macroundef MUI_LANGUAGE');
      const end = nsh.indexOf('!macroend', start) + '!macroend'.length;
      const r = compile(nsh.slice(0, start) + nsh.slice(end));
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/Persian\.nlf/);
    });
  },
);
