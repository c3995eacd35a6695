import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/pino-logger.js';
import { secretBox, settingsKeyFileName, settingsKeySource } from './settings-crypto.js';

const logger = createSilentLogger();
const fileKey = (dir: string) => settingsKeySource({ dataDir: dir, logger });

describe('settings secrets (AES-256-GCM)', () => {
  it('seals and opens a Persian password; the sealed text reveals nothing and differs each time', () => {
    const box = secretBox(fileKey(mkdtempSync(join(tmpdir(), 'hamgam-key-'))));
    const a = box.seal('رمز محک ۱۴۰۴', 'mahakPassword');
    const b = box.seal('رمز محک ۱۴۰۴', 'mahakPassword');
    expect(a).not.toBe(b);
    expect(a).not.toContain('رمز');
    expect(box.open(a, 'mahakPassword')).toBe('رمز محک ۱۴۰۴');
  });

  it('refuses a sealed value moved to another key, altered, or opened with another key', () => {
    const box = secretBox(fileKey(mkdtempSync(join(tmpdir(), 'hamgam-key-'))));
    const sealed = box.seal('demo', 'mahakPassword');
    expect(() => box.open(sealed, 'mahakUser')).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = body.startsWith('A') ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(() => box.open([v, iv, tag, flipped].join('.'), 'mahakPassword')).toThrow();
    const other = secretBox(fileKey(mkdtempSync(join(tmpdir(), 'hamgam-key-'))));
    expect(() => other.open(sealed, 'mahakPassword')).toThrow();
  });

  it('creates the key file (0600) only when a secret is first sealed, and reuses it after a restart', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hamgam-key-')), 'data');
    const path = join(dir, settingsKeyFileName);
    const box = secretBox(fileKey(dir));
    expect(existsSync(path)).toBe(false);
    const sealed = box.seal('demo', 'mahakPassword');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(secretBox(fileKey(dir)).open(sealed, 'mahakPassword')).toBe('demo');
  });

  it('derives the key from HAMGAM_SETTINGS_KEY instead, writing no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamgam-key-'));
    const configured = (secret: string) =>
      secretBox(settingsKeySource({ configured: secret, dataDir: dir, logger }));
    const sealed = configured('a-long-shop-secret-value').seal('demo', 'mahakPassword');
    expect(configured('a-long-shop-secret-value').open(sealed, 'mahakPassword')).toBe('demo');
    expect(() => configured('another-shop-secret-value').open(sealed, 'mahakPassword')).toThrow();
    expect(existsSync(join(dir, settingsKeyFileName))).toBe(false);
  });
});
