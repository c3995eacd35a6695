import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const dockerDir = join(repoRoot, 'docker');
export const readRepoFile = (...parts: string[]): string => readFileSync(join(repoRoot, ...parts), 'utf8');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string | string[];
  environment?: Record<string, string>;
  env_file?: string[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  ports?: string[];
  volumes?: string[];
  init?: boolean;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Parsed with a real YAML parser: a typo that docker would reject fails here too. */
export const loadCompose = (): ComposeFile =>
  parse(readRepoFile('docker', 'compose.yml'), { strict: true }) as ComposeFile;

/** `KEY=value` lines of an env file (commented lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** Compose interpolation of `${VAR}`, `${VAR:-default}` and `${VAR:?message}` against `vars`. */
export function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      const v = vars[name];
      if (v !== undefined && v !== '') return v;
      if (op === ':-') return arg ?? '';
      throw new Error(`compose would stop: ${name} is unset (${arg ?? ''})`);
    },
  );
}

export interface DockerInstruction {
  stage: number;
  op: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined, each tagged with its stage (0-based). */
export function parseDockerfile(text: string): DockerInstruction[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const out: DockerInstruction[] = [];
  let stage = -1;
  for (const line of joined.split('\n')) {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1].toUpperCase();
    if (op === 'FROM') stage++;
    out.push({ stage, op, args: m[2].trim() });
  }
  return out;
}
