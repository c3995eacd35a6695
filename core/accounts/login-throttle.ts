import type { Config } from '../config/config-schema.js';
import { HamgamError } from '../errors.js';
import type { SqlDb } from '../store/sql-db.js';
import type { Clock } from './account-records.js';

export interface LoginLimits {
  /** Sign-ins in a row that may fail before the account is locked. */
  maxFailures: number;
  /** The first lockout; each further failure after a lockout doubles it. */
  lockoutMs: number;
  /** The longest lockout. */
  maxLockoutMs: number;
  /** Failures older than this (and no lock in force) are forgotten. */
  forgetAfterMs: number;
}

/** The limits from the configuration (HAMGAM_LOGIN_MAX_FAILURES, _LOCKOUT_SECONDS, _LOCKOUT_MAX_SECONDS). */
export function loginLimitsOf(
  config: Pick<Config, 'loginMaxFailures' | 'loginLockoutSeconds' | 'loginLockoutMaxSeconds'>,
): LoginLimits {
  return {
    maxFailures: config.loginMaxFailures,
    lockoutMs: config.loginLockoutSeconds * 1000,
    maxLockoutMs: Math.max(config.loginLockoutSeconds, config.loginLockoutMaxSeconds) * 1000,
    forgetAfterMs: 86_400_000,
  };
}

/**
 * Per-account sign-in limits, beside the per-address rate limit of the routes: an attacker with many
 * addresses still gets `maxFailures` guesses per account, then a lockout that doubles on every further
 * failure (back-off), up to `maxLockoutMs`. An attempt is counted BEFORE its password is checked, in one
 * statement, so parallel guesses cannot slip past the limit; a good sign-in clears the count. Names
 * without an account are counted the same way, so a lockout tells nothing about who has one.
 */
export class LoginThrottle {
  constructor(
    private readonly db: SqlDb,
    private readonly now: Clock,
    private readonly limits: LoginLimits,
  ) {}

  /** Runs `check` (the password check) unless the account is locked: then AUTH_LOCKED, check not run. */
  async attempt<T>(accountKey: string, check: () => Promise<T>): Promise<T> {
    await this.claim(accountKey);
    const result = await check();
    await this.db.run('DELETE FROM login_throttle WHERE account_key = ?', [accountKey]);
    return result;
  }

  /** Drops rows of accounts neither locked nor tried for a day. */
  prune(): Promise<number> {
    const now = this.now();
    return this.db.run('DELETE FROM login_throttle WHERE updated_at < ? AND locked_until <= ?', [
      now - this.limits.forgetAfterMs,
      now,
    ]);
  }

  private async claim(key: string): Promise<void> {
    const now = this.now();
    const { maxFailures: max, lockoutMs, maxLockoutMs, forgetAfterMs } = this.limits;
    await this.db.run(
      'DELETE FROM login_throttle WHERE account_key = ? AND updated_at < ? AND locked_until <= ?',
      [key, now - forgetAfterMs, now],
    );
    // The attempt that reaches maxFailures locks at once (pessimistically: it may still succeed, and then
    // its row is deleted). lock_ms starts at half the first lockout, so the first doubling gives it.
    const next = `CASE WHEN t.lock_ms * 2 > ? THEN ? ELSE t.lock_ms * 2 END`;
    const claimed = await this.db.run(
      `INSERT INTO login_throttle AS t (account_key, failures, lock_ms, locked_until, updated_at)
       VALUES (?, 1, ?, ?, ?)
       ON CONFLICT (account_key) DO UPDATE SET failures = t.failures + 1,
         lock_ms = CASE WHEN t.failures + 1 >= ? THEN ${next} ELSE t.lock_ms END,
         locked_until = CASE WHEN t.failures + 1 >= ? THEN ? + ${next} ELSE t.locked_until END,
         updated_at = excluded.updated_at
       WHERE t.locked_until <= ?`,
      [
        key,
        max <= 1 ? lockoutMs : Math.max(1, Math.floor(lockoutMs / 2)),
        max <= 1 ? now + lockoutMs : 0,
        now,
        max,
        maxLockoutMs,
        maxLockoutMs,
        max,
        now,
        maxLockoutMs,
        maxLockoutMs,
        now,
      ],
    );
    if (claimed === 0) throw await this.locked(key, now);
  }

  private async locked(key: string, now: number): Promise<HamgamError> {
    const rows = await this.db.query<{ locked_until: number }>(
      'SELECT locked_until FROM login_throttle WHERE account_key = ?',
      [key],
    );
    const waitMs = rows[0] ? Number(rows[0].locked_until) - now : this.limits.lockoutMs;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new HamgamError(
      'AUTH_LOCKED',
      `Too many failed sign-ins: this account is locked, try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}
