import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SaveSecretResult } from '../core/contracts/desktop-bridge.js';
import type { DesktopLog } from './desktop-log.js';

/** Electron's safeStorage (the parts used). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring encrypts ('basic_text' means a hard-coded key, i.e. none). */
  getSelectedStorageBackend?(): string;
}

/**
 * The Mahak password, encrypted by the OS (DPAPI on Windows, Keychain on macOS, the Secret Service
 * / KWallet on Linux) and handed to the engine only through its environment at spawn. It is never
 * written in plain text: where the OS has no real encryption nothing is saved and the caller says so.
 */
export class SecretStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform,
    private readonly log: DesktopLog,
  ) {}

  available(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    if (this.platform !== 'linux') return true;
    const backend = this.safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  save(secret: string): SaveSecretResult {
    if (!this.available()) return { saved: false, reason: 'encryption-unavailable' };
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, this.safeStorage.encryptString(secret), { mode: 0o600 });
    renameSync(tmp, this.file);
    return { saved: true };
  }

  /** The password, or undefined when none is saved or it cannot be decrypted (other user, new OS key). */
  load(): string | undefined {
    if (!existsSync(this.file)) return undefined;
    try {
      return this.safeStorage.decryptString(readFileSync(this.file));
    } catch (e) {
      this.log.warn(`the saved Mahak password cannot be decrypted (${(e as Error).message}); enter it again`);
      return undefined;
    }
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
