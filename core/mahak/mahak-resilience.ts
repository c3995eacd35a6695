import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { HamgamError, isHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { TransientMahakFailure } from './mahak-http.js';

/**
 * Retry + circuit breaker around single Mahak HTTP attempts (cockatiel). Only TransientMahakFailure
 * is retried or counted by the breaker: a business `Result:false` never reaches these policies as an
 * error, so it is never retried (API.md §7: no client retries on Result:false).
 */

export interface ResilienceOptions {
  /** Total attempts including the first one. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After header longer than this is cut to this (a broken proxy must not stall a run). */
  maxRetryAfterMs: number;
  consecutiveFailures: number;
  halfOpenAfterMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

const isTransient = (e: unknown): boolean => e instanceof TransientMahakFailure;

/** Exponential backoff with jitter, stretched to the server's Retry-After when it asks for more. */
export class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly inner: IBackoffFactory<unknown>,
    private readonly maxRetryAfterMs: number,
  ) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const innerNext = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const hinted = error instanceof TransientMahakFailure ? (error.retryAfterMs ?? 0) : 0;
    const duration = Math.max(innerNext.duration, Math.min(hinted, this.maxRetryAfterMs));
    const following = new RetryAfterBackoff(innerNext, this.maxRetryAfterMs);
    return { duration, next: (c) => following.next(c) };
  }
}

/** Maps what escaped the policies to the public error codes. */
export function toMahakError(err: unknown, op: string): unknown {
  if (isHamgamError(err)) return err;
  if (err instanceof BrokenCircuitError) {
    return new HamgamError(
      'MAHAK_UNAVAILABLE',
      `Mahak ${op}: circuit breaker is open`,
      { op, breaker: 'open' },
      { cause: err },
    );
  }
  if (err instanceof TransientMahakFailure) {
    const code = err.kind === 'bad-json' ? 'MAHAK_BAD_RESPONSE' : 'MAHAK_UNAVAILABLE';
    return new HamgamError(
      code,
      `Mahak ${op}: ${err.message}`,
      { op, kind: err.kind, status: err.status },
      { cause: err },
    );
  }
  return err;
}

export class MahakResilience {
  private readonly policy;
  private readonly once;
  private readonly breaker;
  private openedAt = 0;

  constructor(
    private readonly opts: ResilienceOptions,
    private readonly log: Logger,
  ) {
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: opts.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(opts.consecutiveFailures),
    });
    const backoff = new RetryAfterBackoff(
      new ExponentialBackoff({ initialDelay: opts.initialDelayMs, maxDelay: opts.maxDelayMs }),
      opts.maxRetryAfterMs,
    );
    const retrier = retry(handleWhen(isTransient), {
      maxAttempts: Math.max(0, opts.maxAttempts - 1),
      backoff,
    });
    retrier.onRetry((e) => {
      const reason = 'error' in e ? describe(e.error) : 'result';
      log.warn({ attempt: e.attempt, delayMs: Math.round(e.delay), reason }, 'Mahak call failed; retrying');
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      log.error({ halfOpenAfterMs: opts.halfOpenAfterMs }, 'Mahak circuit breaker opened');
    });
    this.breaker.onReset(() => log.info({}, 'Mahak circuit breaker closed'));
    this.policy = wrap(retrier, this.breaker);
    this.once = this.breaker;
  }

  /**
   * `retry: false` for a call that may have taken effect although it failed (SaveAllData: a timeout or a
   * 5xx after the commit): it goes through the breaker only, and its caller reads back before any
   * second attempt (issue 8; a repeated ClientId may be accepted as a new invoice).
   */
  async execute<T>(
    op: string,
    attempt: () => Promise<T>,
    options: { retry?: boolean; signal?: AbortSignal } = {},
  ): Promise<T> {
    const { signal } = options;
    try {
      const policy = options.retry === false ? this.once : this.policy;
      // cockatiel ends its backoff wait when the signal aborts; the attempt itself watches it too.
      return await policy.execute(() => attempt(), signal);
    } catch (err) {
      // A stop is not Mahak's failure: the caller gets the stop's own reason, and the breaker was
      // not told (the attempt that was given up counts as cancelled, not failed).
      if (signal?.aborted) throw signal.reason;
      throw toMahakError(err, op);
    }
  }

  /** cockatiel moves Open -> HalfOpen only on the next call; report the time-based state instead. */
  get state(): BreakerState {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return Date.now() - this.openedAt >= this.opts.halfOpenAfterMs ? 'half-open' : 'open';
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof TransientMahakFailure)
    return err.status === undefined ? err.kind : `${err.kind} ${err.status}`;
  return err instanceof Error ? err.message : String(err);
}
