import { isHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Storage } from '../store/storage.js';
import type { ReadinessCheck } from './api-deps.js';

/** 'ok', 'timeout', or what failed: an error code for a HamgamError, else 'failed' (the detail is logged). */
export type CheckOutcome = 'ok' | 'timeout' | string;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckOutcome>;
}

/** The database check every server has: one round trip through the Storage port. */
export const storageReadiness = (storage: Storage): ReadinessCheck => ({
  name: 'database',
  check: () => storage.ping(),
});

/**
 * Runs every check at once, each bounded by `timeoutMs`, so a hung dependency makes /ready answer 503
 * promptly instead of hanging the probe. Error messages go to the log, not to the (unauthenticated) probe
 * response: a driver error can name hosts or users.
 */
export async function runReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
  log: Logger,
): Promise<ReadinessReport> {
  const outcomes = await Promise.all(checks.map((c) => runOne(c, timeoutMs, log)));
  const entries = checks.map((c, i) => [c.name, outcomes[i]] as const);
  return { ready: outcomes.every((o) => o === 'ok'), checks: Object.fromEntries(entries) };
}

async function runOne(check: ReadinessCheck, timeoutMs: number, log: Logger): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([check.check().then(() => 'ok' as const), timeout]);
    if (outcome === 'timeout') log.warn({ check: check.name, timeoutMs }, 'readiness check timed out');
    return outcome;
  } catch (e) {
    log.warn({ check: check.name, err: e }, 'readiness check failed');
    return isHamgamError(e) ? e.code : 'failed';
  } finally {
    clearTimeout(timer);
  }
}
