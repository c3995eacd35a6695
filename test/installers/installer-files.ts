import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const installersDir = join(repoRoot, 'installers');

export const shellScripts = (): string[] =>
  readdirSync(installersDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.sh'))
    .map((f) => join(installersDir, f));

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

export const hasCommand = (name: string): boolean => run('bash', ['-c', `command -v ${name}`]).status === 0;

/** `[Section]` / `Key=Value` text (systemd unit) -> section -> key -> values (keys may repeat). */
export function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1];
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 1 || !section) throw new Error(`not a unit line: ${line}`);
    (out[section][line.slice(0, eq).trim()] ??= []).push(line.slice(eq + 1).trim());
  }
  return out;
}

/**
 * systemd EnvironmentFile reading for the forms install.sh writes: bare values, and double-quoted
 * values where a backslash escapes " \ ` $ and is kept before anything else (systemd env-file.c).
 */
export function parseSystemdEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    const raw = line.slice(eq + 1).trim();
    if (!raw.startsWith('"')) {
      out[key] = raw;
      continue;
    }
    let value = '';
    for (let i = 1; i < raw.length - 1; i++) {
      if (raw[i] === '\\' && i + 1 < raw.length - 1) {
        const next = raw[++i];
        value += '"\\`$'.includes(next) ? next : '\\' + next;
      } else value += raw[i];
    }
    out[key] = value;
  }
  return out;
}
