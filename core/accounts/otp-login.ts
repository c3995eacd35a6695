import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import type { Clock, CustomerAccount } from './account-records.js';
import { hmacHex, newOtpCode, sameHex } from './secret-tokens.js';
import type { SmsSender } from './sms-sender.js';

export interface OtpOptions {
  /** How long a code is good for. */
  ttlMs: number;
  /** No new code for the same mobile before this (per-mobile rate limit; the route limits per IP). */
  resendMs: number;
  /** Wrong guesses allowed per code; then the code is dead and a new one must be requested. */
  maxAttempts: number;
}

export const defaultOtpOptions: OtpOptions = { ttlMs: 120_000, resendMs: 60_000, maxAttempts: 5 };

interface OtpRow {
  code_hash: string;
}

export interface OtpDeps {
  db: SqlDb;
  now: Clock;
  sms: SmsSender;
  logger: Logger;
  /** Existing customers only: the OTP signs in, it does not register. */
  findCustomer: (mobile: string) => Promise<CustomerAccount | undefined>;
  /** HMAC key for the stored codes (derived from the JWT secret). */
  key: () => string;
  options: OtpOptions;
}

/** The Persian SMS text; the code is in ASCII digits so phones offer to auto-fill it. */
export const otpSmsText = (code: string): string => `کد ورود شما به فروشگاه: ${code}`;

/**
 * One-time codes by SMS, a password-less sign-in for existing customers. The answer to a request is
 * the same whether or not the mobile has an account (a row is written either way, the SMS goes only to
 * customers), so the endpoint cannot be used to discover who shops here.
 */
export class OtpLogin {
  constructor(private readonly deps: OtpDeps) {}

  /** RATE_LIMITED (with retryAfterSeconds) when a code went to this mobile less than resendMs ago. */
  async request(mobile: string): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
    const { db, now: clock, options } = this.deps;
    const now = clock();
    const code = newOtpCode();
    // One statement decides the race between two requests: the row is replaced only when the last
    // code is older than the resend interval.
    const written = await db.run(
      `INSERT INTO otp_codes AS t (mobile, code_hash, expires_at, attempts, sent_at) VALUES (?, ?, ?, 0, ?)
       ON CONFLICT (mobile) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
       attempts = 0, sent_at = excluded.sent_at WHERE t.sent_at <= ?`,
      [mobile, this.hash(mobile, code), now + options.ttlMs, now, now - options.resendMs],
    );
    if (written === 0) throw await this.tooSoon(mobile, now);
    const customer = await this.deps.findCustomer(mobile);
    if (customer) await this.send(mobile, code);
    else this.deps.logger.info({ mobile }, 'otp requested for a mobile without an account; no sms sent');
    return {
      expiresInSeconds: Math.round(options.ttlMs / 1000),
      resendAfterSeconds: Math.round(options.resendMs / 1000),
    };
  }

  /** The customer the code signs in; AUTH_OTP_INVALID for a wrong, expired, used-up or unknown code. */
  async verify(mobile: string, code: string): Promise<CustomerAccount> {
    const { db, now: clock, options } = this.deps;
    const now = clock();
    // Count the attempt first (atomically), so parallel guesses cannot exceed maxAttempts.
    const counted = await db.run(
      'UPDATE otp_codes SET attempts = attempts + 1 WHERE mobile = ? AND attempts < ? AND expires_at > ?',
      [mobile, options.maxAttempts, now],
    );
    if (counted === 0) throw invalid('expired_or_exhausted');
    const rows = await db.query<OtpRow>('SELECT code_hash FROM otp_codes WHERE mobile = ?', [mobile]);
    const given = this.hash(mobile, code);
    if (!rows[0] || !sameHex(given, rows[0].code_hash)) throw invalid('wrong_code');
    // Single use: only the caller that deletes the row signs in.
    const used = await db.run('DELETE FROM otp_codes WHERE mobile = ? AND code_hash = ?', [mobile, given]);
    const customer = used === 1 ? await this.deps.findCustomer(mobile) : undefined;
    if (!customer) throw invalid('no_account');
    return customer;
  }

  /** Drops codes expired more than the resend interval ago (kept until then for the rate limit). */
  async prune(): Promise<number> {
    const { db, now, options } = this.deps;
    return db.run('DELETE FROM otp_codes WHERE expires_at < ? AND sent_at < ?', [
      now(),
      now() - options.resendMs,
    ]);
  }

  /** A code the provider did not take is withdrawn, so the customer may ask again at once. */
  private async send(mobile: string, code: string): Promise<void> {
    try {
      await this.deps.sms.send(mobile, otpSmsText(code));
    } catch (e) {
      await this.deps.db.run('DELETE FROM otp_codes WHERE mobile = ? AND code_hash = ?', [
        mobile,
        this.hash(mobile, code),
      ]);
      throw e;
    }
  }

  private hash(mobile: string, code: string): string {
    return hmacHex(this.deps.key(), `otp:${mobile}:${code}`);
  }

  private async tooSoon(mobile: string, now: number): Promise<HamgamError> {
    const rows = await this.deps.db.query<{ sent_at: number }>(
      'SELECT sent_at FROM otp_codes WHERE mobile = ?',
      [mobile],
    );
    const waitMs = rows[0]
      ? Number(rows[0].sent_at) + this.deps.options.resendMs - now
      : this.deps.options.resendMs;
    return new HamgamError('RATE_LIMITED', 'A code was sent to this mobile a moment ago', {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

function invalid(reason: string): HamgamError {
  return new HamgamError('AUTH_OTP_INVALID', undefined, { reason });
}
