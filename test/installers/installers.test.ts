import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/config-schema.js';
import { hasCommand, installersDir, parseUnit, repoRoot, run, shellScripts } from './installer-files.js';

const read = (...parts: string[]) => readFileSync(join(repoRoot, ...parts), 'utf8');
const persian = /[\u0600-\u06FF]{3,}/;

describe('Linux shell scripts', () => {
  it('finds the install and uninstall scripts, executable', () => {
    const names = shellScripts().map((f) => f.slice(installersDir.length + 1));
    expect(names.sort()).toEqual(['linux/install.sh', 'linux/uninstall.sh']);
    for (const file of shellScripts()) expect(run('test', ['-x', file]).status, file).toBe(0);
  });

  it.each(shellScripts())('%s passes bash -n and uses strict mode', (file) => {
    const r = run('bash', ['-n', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^set -euo pipefail$/m);
  });

  // CI installs shellcheck (.ci/run); a machine without it still runs every other check here.
  it.skipIf(!hasCommand('shellcheck'))('passes shellcheck', () => {
    const r = run('shellcheck', ['--severity=style', ...shellScripts()]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('installers/linux/hamgam.service', () => {
  const unitText = read('installers', 'linux', 'hamgam.service');
  const unit = parseUnit(unitText);
  const one = (section: string, key: string) => {
    expect(unit[section]?.[key], `${section}.${key}`).toHaveLength(1);
    return unit[section][key][0];
  };

  it('runs `node /opt/hamgam/bin/hamgam.mjs serve` as hamgam with the env file', () => {
    expect(Object.keys(unit)).toEqual(['Unit', 'Service', 'Install']);
    expect(one('Service', 'ExecStart')).toBe('/usr/bin/node /opt/hamgam/bin/hamgam.mjs serve');
    expect(one('Service', 'EnvironmentFile')).toBe('/etc/hamgam/hamgam.env');
    expect(one('Service', 'User')).toBe('hamgam');
    expect(one('Service', 'WorkingDirectory')).toBe('/var/lib/hamgam');
    expect(one('Service', 'Restart')).toBe('on-failure');
    expect(one('Install', 'WantedBy')).toBe('multi-user.target');
    expect(one('Unit', 'After')).toContain('network-online.target');
  });

  it('is hardened: read-only system, one writable folder, private /tmp, no privilege gain', () => {
    expect(one('Service', 'NoNewPrivileges')).toBe('true');
    expect(one('Service', 'ProtectSystem')).toBe('strict');
    expect(one('Service', 'ReadWritePaths')).toBe('/var/lib/hamgam');
    expect(one('Service', 'PrivateTmp')).toBe('true');
    expect(one('Service', 'ProtectHome')).toBe('true');
    // V8's JIT needs W+X pages: this setting would crash node at start.
    expect(unit.Service.MemoryDenyWriteExecute).toBeUndefined();
  });

  it('names the paths install.sh creates', () => {
    const script = read('installers', 'linux', 'install.sh');
    expect(script).toContain('readonly APP_DIR=/opt/hamgam');
    expect(script).toContain('readonly ENV_FILE=$CONF_DIR/hamgam.env');
    expect(script).toContain('readonly CONF_DIR=/etc/hamgam');
    expect(script).toContain('readonly DATA_DIR=/var/lib/hamgam');
  });

  it.skipIf(!hasCommand('systemd-analyze'))('passes systemd-analyze verify', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-unit-'));
    try {
      // As install.sh does: point ExecStart at this machine's node.
      const file = join(dir, 'hamgam.service');
      writeFileSync(file, unitText.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `));
      const r = run('systemd-analyze', ['verify', file]);
      expect(r.stderr.split('\n').filter((l) => l.includes('hamgam.service'))).toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('installers/windows/install.ps1', () => {
  const bytes = readFileSync(join(installersDir, 'windows', 'install.ps1'));
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');

  it('starts with a UTF-8 BOM, so Windows PowerShell 5.1 reads the Persian text as UTF-8', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('registers with NSSM when present and a startup task otherwise, running `hamgam.mjs serve`', () => {
    expect(text).toMatch(/Get-Command nssm/);
    expect(text).toMatch(/& nssm install \$ServiceName \$NodePath "`"\$EntryScript`" serve"/);
    expect(text).toMatch(/New-ScheduledTaskTrigger -AtStartup/);
    expect(text).toMatch(/Register-ScheduledTask /);
    expect(text).toMatch(
      /if \(Test-Nssm\) \{ Register-WithNssm \$nodePath \} else \{ Register-WithTask \$nodePath \}/,
    );
    expect(text).toContain("Join-Path $InstallDir 'bin\\hamgam.mjs'");
    expect(text).toMatch(/\$MinNodeMajor = 20/);
  });

  it('writes only config keys the schema knows', () => {
    const keys = new Set(Object.keys(configSchema.shape));
    const block = /\$config = \[ordered\]@\{\n([\s\S]*?)\n\s*\}/.exec(text)?.[1] ?? '';
    const written = [...block.matchAll(/^\s*(\w+)\s*=/gm), ...text.matchAll(/\$config\['(\w+)'\]/g)].map(
      (m) => m[1],
    );
    expect(written.length).toBeGreaterThan(8);
    for (const key of written) expect(keys.has(key), key).toBe(true);
  });

  it('says everything in English and Persian', () => {
    const calls = [...text.matchAll(/^\s*(?:Say|Fail) (.*)$/gm)].map((m) => m[1]);
    expect(calls.length).toBeGreaterThan(10);
    for (const args of calls) {
      expect(args, args).toMatch(/^("[^"]*"|'[^']*') ("[^"]*"|'[^']*')$/);
      expect(args, args).toMatch(persian);
    }
  });

  it('registers the packaged server for the desktop installer (-AppExe): Hamgam.exe as Node, no copy, no prompt', () => {
    expect(text).toContain(
      "$EntryScript = Join-Path $InstallDir 'resources\\app.asar\\electron\\dist\\hamgam.mjs'",
    );
    expect(text).toContain("& nssm set $ServiceName AppEnvironmentExtra 'ELECTRON_RUN_AS_NODE=1'");
    expect(text).toContain("'set ELECTRON_RUN_AS_NODE=1&& '");
    const flow = text.slice(text.lastIndexOf('\nAssert-Admin'));
    const [, packaged, source] =
      /\nif \(\$Packaged\) \{([\s\S]*?)\n\} else \{([\s\S]*?)\n\}/.exec(flow) ?? [];
    expect(packaged).toContain('$nodePath = $AppExe');
    expect(packaged).not.toMatch(/Install-App|Get-NodePath/);
    expect(source).toMatch(/Get-NodePath[\s\S]*Install-App/);
    // The installer runs it without a console to type into.
    expect(text).toContain('if (-not $MahakUser -and -not $Yes)');
    expect(text).toContain('if (-not $MahakPassword -and -not $Yes)');
    // Its uninstall leaves the application's files to the desktop uninstaller.
    expect(text).toContain('if (-not $Packaged -and (Test-Path $InstallDir))');
  });

  it('stops, updates only an existing service, and uninstalls before anything else runs', () => {
    const flow = text.slice(text.lastIndexOf('\nAssert-Admin'));
    const order = [
      'if ($Stop)',
      'if ($Uninstall)',
      'if ($OnlyIfInstalled -and -not (Test-Installed))',
      'if ($Packaged)',
    ];
    const at = order.map((s) => flow.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('declares every switch the desktop installer passes it', () => {
    const nsh = read('installers', 'electron', 'installer.nsh');
    const params = new Set([...text.matchAll(/\[(?:switch|string|int)\]\$(\w+)/g)].map((m) => m[1]));
    const used = new Set(
      [...nsh.matchAll(/ -([A-Z]\w+)/g)]
        .map((m) => m[1])
        .filter((p) => !['NoProfile', 'ExecutionPolicy', 'File', 'WX'].includes(p)),
    );
    expect([...used].sort()).toEqual(['AppExe', 'OnlyIfInstalled', 'Stop', 'Uninstall', 'Yes']);
    for (const p of used) expect(params.has(p), p).toBe(true);
  });

  it('has balanced braces and parentheses outside strings and comments', () => {
    const code = text
      .replace(/<#[\s\S]*?#>/g, '')
      .replace(/'(?:[^']|'')*'/g, "''")
      .replace(/"(?:[^"`]|`.)*"/g, '""')
      .replace(/#.*$/gm, '');
    for (const [open, close] of [
      ['{', '}'],
      ['(', ')'],
    ]) {
      let depth = 0;
      let lowest = 0;
      for (const ch of code) {
        if (ch === open) depth++;
        if (ch === close) lowest = Math.min(lowest, --depth);
      }
      expect({ open, depth, lowest }).toEqual({ open, depth: 0, lowest: 0 });
    }
  });
});

// desktop/electron-builder.yml and the desktop installer: test/installers/electron-builder.test.ts.

describe('installers/README.md', () => {
  it('gives the steps in English and in Persian', () => {
    const text = read('installers', 'README.md');
    expect(text).toMatch(/^## English$/m);
    expect(text).toMatch(/^## فارسی$/m);
    const [, fa] = text.split(/^## فارسی$/m);
    expect(fa).toMatch(persian);
    for (const mention of ['install.sh', 'uninstall.sh', 'install.ps1', 'docker compose up']) {
      expect(text.split(/^## فارسی$/m)[0], mention).toContain(mention);
      expect(fa, mention).toContain(mention);
    }
  });
});
