import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** This build's version from package.json (two folders up from core/ops); `unknown` when not found. */
export function appVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    cached = String((JSON.parse(text) as { version?: unknown }).version ?? 'unknown');
  } catch {
    cached = 'unknown';
  }
  return cached;
}
