export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Random source in [0, 1); omitted = no jitter (the ceiling itself). */
  jitter?: () => number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential growth capped at maxMs, with
 * "full jitter" (a uniform pick between 0 and the ceiling) so many workers failing together on a Mahak
 * outage do not retry in lock-step.
 */
export function nextAttemptDelay(attempt: number, { baseMs, maxMs, jitter }: BackoffOptions): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity long after it passes any sane maxMs; clamp the exponent instead.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 52));
  if (!jitter) return Math.max(0, Math.round(ceiling));
  const r = Math.min(Math.max(jitter(), 0), 1);
  return Math.floor(r * ceiling);
}
