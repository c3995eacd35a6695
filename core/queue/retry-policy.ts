import { HamgamError } from '../errors.js';
import type { ConsumeOptions } from './queue.js';

/** Shared by both drivers so that "attempt", "backoff" and "history" mean the same thing. */
export type ResolvedConsumeOptions = Required<ConsumeOptions>;

export interface AttemptRecord {
  at: number;
  error: string;
}

/** Error texts travel in AMQP headers (a 64 KiB table) and table rows: keep them short. */
const maxErrorChars = 500;
/** Bounds the header size however large maxAttempts is; the oldest entries are dropped first. */
const maxHistoryEntries = 20;

export function resolveConsumeOptions(options: ConsumeOptions = {}): ResolvedConsumeOptions {
  const resolved = { prefetch: 1, maxAttempts: 5, retryBaseMs: 500, ...stripUndefined(options) };
  const valid =
    Number.isInteger(resolved.prefetch) &&
    resolved.prefetch >= 1 &&
    Number.isInteger(resolved.maxAttempts) &&
    resolved.maxAttempts >= 1 &&
    Number.isInteger(resolved.retryBaseMs) &&
    resolved.retryBaseMs >= 0;
  if (!valid) throw new HamgamError('VALIDATION_FAILED', 'Invalid queue consume options', { options });
  return resolved;
}

function stripUndefined(options: ConsumeOptions): ConsumeOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ConsumeOptions;
}

/** The wait after the `failedAttempt`-th delivery failed: base * 2^(failedAttempt - 1). */
export function retryDelayMs(retryBaseMs: number, failedAttempt: number): number {
  return retryBaseMs * 2 ** (failedAttempt - 1);
}

/** The distinct delays a consumer can need: one per retry level (maxAttempts - 1 of them). */
export function retryDelays(options: ResolvedConsumeOptions): number[] {
  const delays = new Set<number>();
  for (let attempt = 1; attempt < options.maxAttempts; attempt++)
    delays.add(retryDelayMs(options.retryBaseMs, attempt));
  return [...delays];
}

/** ±fraction jitter so that many failing messages do not all come back at the same instant. */
export function withJitter(ms: number, fraction = 0.2, random: () => number = Math.random): number {
  return Math.max(0, Math.round(ms * (1 - fraction + 2 * fraction * random())));
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > maxErrorChars ? `${text.slice(0, maxErrorChars - 1)}…` : text;
}

export function appendHistory(
  history: readonly AttemptRecord[],
  error: string,
  at = Date.now(),
): AttemptRecord[] {
  return [...history, { at, error }].slice(-maxHistoryEntries);
}

/** Lenient: a damaged history must not make the message itself undeliverable. */
export function parseHistory(raw: unknown): AttemptRecord[] {
  if (typeof raw !== 'string' || raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (r): r is AttemptRecord =>
        typeof r === 'object' && r !== null && typeof r.at === 'number' && typeof r.error === 'string',
    );
  } catch {
    return [];
  }
}

/** JSON text of a message; `undefined`, functions and cycles are refused before anything is written. */
export function serialiseMessage(topic: string, message: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(message);
  } catch (e) {
    throw new HamgamError(
      'VALIDATION_FAILED',
      'Queue message is not JSON-serialisable',
      { topic },
      { cause: e },
    );
  }
  if (text === undefined)
    throw new HamgamError('VALIDATION_FAILED', 'Queue message is not JSON-serialisable', { topic });
  return text;
}

/** Topic names become queue names (AMQP: at most 255 bytes); keep them plain. */
export function assertTopic(topic: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(topic)) {
    throw new HamgamError('VALIDATION_FAILED', 'Invalid queue topic name', { topic });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
