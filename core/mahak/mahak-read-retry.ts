import { setTimeout as sleep } from 'node:timers/promises';
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import { isHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

/**
 * A second, slower retry ladder for *reads* (GetAllData) on top of the client's own per-call retries.
 * The client repeats a transport failure a few times within seconds and never repeats a `Result:false`
 * (mahak-resilience.ts); that is right for one call, but a pull makes hundreds of GetAllData calls and
 * one application error among them used to fail the whole run (issue 11: at 1% application errors a
 * large pull rarely finished in one run, and each failure waited for the next scheduled pull).
 * A GetAllData changes nothing at Mahak, so repeating it is always safe; what must not be repeated is
 * what a repeat cannot fix.
 */

export interface ReadRetryOptions {
  /** Total attempts including the first one. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Four more asks spread over about 10-25 s (cockatiel's decorrelated jitter from 1 s, doubling): enough
 * for a passing application error or a proxy hiccup, and a permanent error taken for a passing one costs
 * no more than that before the run fails with it. It does not try to outwait the client's circuit
 * breaker (30 s): when Mahak is down for that long the next scheduled pull is the better retry.
 */
export const defaultReadRetry: ReadRetryOptions = {
  maxAttempts: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 16_000,
};

/**
 * Messages that say a repeat cannot help: the login, the account, the licence or the database, or a
 * request the server calls invalid. Mahak publishes no catalogue of codes or texts (API.md §7, [UNKNOWN]),
 * so this is a guess on purpose kept wide: a permanent error taken for a transient one only costs the
 * bounded ladder above, while the opposite would fail the run as before.
 */
const permanentMessage =
  /token|توکن|login|password|unauthori[sz]ed|forbidden|not authenticated|احراز هویت|رمز عبور|نام کاربری|licen[cs]e|subscription|اشتراک|مجوز|دسترسی|access denied|not found|یافت نشد|invalid|نامعتبر/i;

const readRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/**
 * Whether a failed read is worth repeating later in the same run:
 * - MAHAK_UNAVAILABLE: the transport failed past the client's retries, or its breaker is open;
 * - MAHAK_BAD_RESPONSE from a body that was not JSON (a cut answer), not from a schema mismatch, which
 *   would come back the same;
 * - MAHAK_REJECTED from a `Result:false` envelope (HTTP 2xx) whose Code is not a 4xx and whose message
 *   does not name an auth, licence, not-found or invalid-request cause. An HTTP 4xx is permanent.
 * MAHAK_AUTH_FAILED is never repeated here: the client already logged in again once (API.md §2.3), and
 * a refused fresh login will not change by asking again.
 */
export function isRetryableRead(err: unknown): boolean {
  if (!isHamgamError(err)) return false;
  const details = readRecord(err.details);
  switch (err.code) {
    case 'MAHAK_UNAVAILABLE':
      return true;
    case 'MAHAK_BAD_RESPONSE':
      return details.kind === 'bad-json';
    case 'MAHAK_REJECTED': {
      if (details.status !== undefined) return false;
      const code = typeof details.code === 'number' ? details.code : undefined;
      if (code !== undefined && code >= 400 && code < 500) return false;
      return !permanentMessage.test(`${err.message} ${String(details.message ?? '')}`);
    }
    default:
      return false;
  }
}

export interface ReadRetry {
  /**
   * Runs `read`, asking again after a passing failure. `signal` is the shutdown of the process (the
   * engine's stop): it ends a wait between attempts at once with `signal.reason`, and no further
   * attempt starts, so a shutdown never waits out the ladder (up to ~25 s).
   */
  execute<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

const breakerOpen = (err: unknown): boolean =>
  isHamgamError(err) && readRecord(err.details).breaker === 'open';

/**
 * The ladder for one reader; each repeat is logged with what failed and how long it waits. The delays
 * are cockatiel's (decorrelated jitter); the loop is ours because cockatiel's retry (3.2) does not end
 * its wait when the signal aborts, it only skips the next attempt after it.
 * When the ladder ends on the client's open circuit breaker, the run fails with the error that opened
 * it ("Mahak answered HTTP 503"), which tells staff what is wrong, not with "circuit breaker is open".
 */
export function createReadRetry(options: ReadRetryOptions, logger: Logger, op = 'GetAllData'): ReadRetry {
  const delays = new ExponentialBackoff({
    initialDelay: options.initialDelayMs,
    maxDelay: options.maxDelayMs,
  });
  return {
    async execute<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      let telling: unknown;
      let backoff: IBackoff<unknown> | undefined;
      for (let attempt = 1; ; attempt++) {
        signal?.throwIfAborted();
        try {
          return await read();
        } catch (err) {
          // Given up by the stop (MahakClient rejects with the stop's reason): never asked again.
          if (signal?.aborted) throw signal.reason;
          if (!breakerOpen(err)) telling = err;
          if (attempt >= options.maxAttempts || !isRetryableRead(err))
            throw breakerOpen(err) && telling !== undefined ? telling : err;
          backoff = backoff ? backoff.next(undefined) : delays.next();
          logger.warn(
            {
              op,
              attempt,
              of: options.maxAttempts,
              delayMs: Math.round(backoff.duration),
              code: isHamgamError(err) ? err.code : undefined,
              reason: err instanceof Error ? err.message : undefined,
            },
            'Mahak read failed; asking again',
          );
          // Rejects with the signal's reason the moment it aborts; the timer goes with it.
          await sleep(backoff.duration, undefined, signal ? { signal } : {}).catch(() =>
            signal?.throwIfAborted(),
          );
        }
      }
    },
  };
}
