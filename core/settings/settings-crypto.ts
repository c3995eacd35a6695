import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';

/**
 * Secrets kept in the database (the Mahak password) are sealed with AES-256-GCM. The key lives
 * outside the database on purpose: a copied database file or a backup alone does not reveal the
 * password. The sealed text is bound to its setting key (GCM additional data), so a sealed value
 * moved to another row does not open.
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  /** Throws when the key is not the one that sealed it or the text was altered. */
  open(sealed: string, context: string): string;
}

const version = 'v1';

export function secretBox(key: () => Buffer): SecretBox {
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, iv, cipher.getAuthTag(), body].map(encode).join('.');
    },
    open(sealed, context) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== version || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

const encode = (part: string | Buffer): string =>
  typeof part === 'string' ? part : part.toString('base64url');

export const settingsKeyFileName = 'settings.key';

/**
 * The key: derived from HAMGAM_SETTINGS_KEY when set, else read from <dataDir>/settings.key, which is
 * created (32 random bytes, mode 0600) the first time a secret is sealed. Resolved lazily and once, so
 * a database with no secret never creates the file.
 */
export function settingsKeySource(options: {
  configured?: string;
  dataDir: string;
  logger: Logger;
}): () => Buffer {
  let key: Buffer | undefined;
  return () => {
    key ??= options.configured
      ? scryptSync(options.configured, 'hamgam settings key', 32)
      : readOrCreateKeyFile(options.dataDir, options.logger);
    return key;
  };
}

function readOrCreateKeyFile(dataDir: string, logger: Logger): Buffer {
  const path = join(dataDir, settingsKeyFileName);
  const existing = readKey(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': two processes starting together must not overwrite each other's key; the loser reads it.
    writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600); // the mode of a new file is masked by the umask
    logger.info(
      { path },
      'created the key that encrypts secrets kept in the database (keep it with backups)',
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const created = readKey(path);
  if (!created) throw new Error(`${path} does not hold a 32-byte key`);
  return created;
}

function readKey(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
  return key;
}
