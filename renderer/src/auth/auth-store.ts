import type { TokenPair } from '../../../core/contracts/accounts';

/**
 * The signed-in staff member's tokens. sessionStorage, not localStorage: a shared shop PC forgets the
 * session when the browser closes, and a reload keeps it. Components subscribe via useSyncExternalStore.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
}

const storageKey = 'hamgam.session';

export class AuthStore {
  private session: Session | null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage | undefined = globalThis.sessionStorage) {
    this.session = this.read();
  }

  get current(): Session | null {
    return this.session;
  }

  signIn(tokens: TokenPair): void {
    this.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  }

  signOut(): void {
    this.set(null);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): Session | null => this.session;

  private set(session: Session | null): void {
    this.session = session;
    try {
      if (session) this.storage?.setItem(storageKey, JSON.stringify(session));
      else this.storage?.removeItem(storageKey);
    } catch {
      // Storage blocked: the session lives in memory for this page, which still works.
    }
    for (const listener of this.listeners) listener();
  }

  private read(): Session | null {
    try {
      const raw = this.storage?.getItem(storageKey);
      const parsed = raw ? (JSON.parse(raw) as Partial<Session>) : null;
      return parsed?.accessToken && parsed.refreshToken
        ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
        : null;
    } catch {
      return null;
    }
  }
}

export const authStore = new AuthStore();
