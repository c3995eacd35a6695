import { HamgamError } from '../errors.js';
import type { SqlDb } from '../store/sql-db.js';
import type { Clock } from './account-records.js';
import { hmacHex, newOtpCode, sameHex } from './secret-tokens.js';

export interface OneTimeCodeOptions {
  /** How long a code is good for. */
  ttlMs: number;
  /** No new code for the same mobile before this (per-mobile rate limit; the route limits per IP). */
  resendMs: number;
  /** Wrong guesses allowed per code; then the code is dead and a new one must be requested. */
  maxAttempts: number;
}

export const defaultOneTimeCodeOptions: OneTimeCodeOptions = {
  ttlMs: 120_000,
  resendMs: 60_000,
  maxAttempts: 5,
};

/** The tables that hold codes: one live code per mobile, with an optional JSON payload. */
export type CodeTable = 'otp_codes' | 'registration_codes';

export interface IssuedCode {
  code: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/**
 * Six-digit codes sent by SMS, one live code per mobile in `table`, kept only as an HMAC. Sign-in by
 * code (otp-login.ts) and registration by code (registration-by-code.ts) share this: the same resend
 * limit, attempt limit and single use, each in its own table so one flow cannot consume the other's code.
 */
export class OneTimeCodes {
  constructor(
    private readonly table: CodeTable,
    private readonly db: SqlDb,
    private readonly now: Clock,
    private readonly key: () => string,
    readonly options: OneTimeCodeOptions,
  ) {}

  /** RATE_LIMITED (with retryAfterSeconds) when a code went to this mobile less than resendMs ago. */
  async issue(mobile: string, payload: string | null = null): Promise<IssuedCode> {
    const now = this.now();
    const code = newOtpCode();
    // One statement decides the race between two requests: the row is replaced only when the last
    // code is older than the resend interval.
    const written = await this.db.run(
      `INSERT INTO ${this.table} AS t (mobile, code_hash, expires_at, attempts, sent_at, payload)
       VALUES (?, ?, ?, 0, ?, ?)
       ON CONFLICT (mobile) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
       attempts = 0, sent_at = excluded.sent_at, payload = excluded.payload WHERE t.sent_at <= ?`,
      [mobile, this.hash(mobile, code), now + this.options.ttlMs, now, payload, now - this.options.resendMs],
    );
    if (written === 0) throw await this.tooSoon(mobile, now);
    return {
      code,
      expiresInSeconds: Math.round(this.options.ttlMs / 1000),
      resendAfterSeconds: Math.round(this.options.resendMs / 1000),
    };
  }

  /**
   * Consumes the code and answers its payload (null when none was stored); AUTH_OTP_INVALID for a
   * wrong, expired, used-up or unknown code.
   */
  async consume(mobile: string, code: string): Promise<string | null> {
    const now = this.now();
    // Count the attempt first (atomically), so parallel guesses cannot exceed maxAttempts.
    const counted = await this.db.run(
      `UPDATE ${this.table} SET attempts = attempts + 1 WHERE mobile = ? AND attempts < ? AND expires_at > ?`,
      [mobile, this.options.maxAttempts, now],
    );
    if (counted === 0) throw invalidCode('expired_or_exhausted');
    const rows = await this.db.query<{ code_hash: string; payload: string | null }>(
      `SELECT code_hash, payload FROM ${this.table} WHERE mobile = ?`,
      [mobile],
    );
    const given = this.hash(mobile, code);
    if (!rows[0] || !sameHex(given, rows[0].code_hash)) throw invalidCode('wrong_code');
    // Single use: only the caller that deletes the row goes on.
    const used = await this.db.run(`DELETE FROM ${this.table} WHERE mobile = ? AND code_hash = ?`, [
      mobile,
      given,
    ]);
    if (used !== 1) throw invalidCode('already_used');
    return rows[0].payload;
  }

  /** A code the SMS provider did not take is withdrawn, so the customer may ask again at once. */
  async withdraw(mobile: string, code: string): Promise<void> {
    await this.db.run(`DELETE FROM ${this.table} WHERE mobile = ? AND code_hash = ?`, [
      mobile,
      this.hash(mobile, code),
    ]);
  }

  /** Drops codes expired more than the resend interval ago (kept until then for the rate limit). */
  async prune(): Promise<number> {
    const now = this.now();
    return this.db.run(`DELETE FROM ${this.table} WHERE expires_at < ? AND sent_at < ?`, [
      now,
      now - this.options.resendMs,
    ]);
  }

  private hash(mobile: string, code: string): string {
    // The table name is in the message, so a code issued for one flow never matches in the other.
    return hmacHex(this.key(), `${this.table}:${mobile}:${code}`);
  }

  private async tooSoon(mobile: string, now: number): Promise<HamgamError> {
    const rows = await this.db.query<{ sent_at: number }>(
      `SELECT sent_at FROM ${this.table} WHERE mobile = ?`,
      [mobile],
    );
    const waitMs = rows[0] ? Number(rows[0].sent_at) + this.options.resendMs - now : this.options.resendMs;
    return new HamgamError('RATE_LIMITED', 'A code was sent to this mobile a moment ago', {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

export function invalidCode(reason: string): HamgamError {
  return new HamgamError('AUTH_OTP_INVALID', undefined, { reason });
}
