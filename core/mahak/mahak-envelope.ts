import type { z } from 'zod';
import { canonicaliseKeys, envelopeWire, keysOf, type Envelope } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';

/**
 * The `{Result, Code, Message, Data}` envelope (API.md §1.5), read case-insensitively (§1.4: the live
 * server answers PascalCase, the Swagger claims camelCase).
 */

const envelopeKeys = keysOf(envelopeWire);

/** First few zod issues as one line: enough to find the bad field, short enough for a log or a dispute. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export function parseEnvelope(body: unknown, op: string): Envelope {
  const parsed = envelopeWire.safeParse(canonicaliseKeys(body, envelopeKeys));
  if (!parsed.success) {
    throw new HamgamError('MAHAK_BAD_RESPONSE', `Mahak ${op}: the envelope is not valid`, {
      op,
      reason: describeIssues(parsed.error),
    });
  }
  return parsed.data;
}

/** Like parseEnvelope, but undefined instead of an error (for non-2xx bodies that may or may not be one). */
export function tryParseEnvelope(body: unknown): Envelope | undefined {
  const parsed = envelopeWire.safeParse(canonicaliseKeys(body, envelopeKeys));
  return parsed.success ? parsed.data : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a `Result:false` means "your token is no good" rather than a business rejection. How the
 * live server says so is not known (API.md §2.3: 401 vs 200 + Result:false is [UNKNOWN]), so we look for
 * an auth-like Code (401/403) or a message naming the token or authentication. Deliberately narrow: words
 * like "expired" (منقضی) also appear in business messages, and a false positive costs a needless login.
 */
const tokenMessage = /token|توکن|unauthori[sz]ed|not authenticated|احراز هویت/i;

export function isTokenRejection(env: Envelope): boolean {
  if (env.Result) return false;
  if (env.Code === 401 || env.Code === 403) return true;
  return tokenMessage.test(env.Message ?? '');
}

/**
 * `Data.Objects` of GetAllData/SaveAllData with its collection keys renamed to `collections`' spelling.
 * A missing/null Data or Objects reads as "no collections"; a Data that is not an object is a bad envelope.
 */
export function readObjects(
  env: Envelope,
  op: string,
  collections: readonly string[],
): Record<string, unknown> {
  if (env.Data === undefined || env.Data === null) return {};
  if (!isRecord(env.Data)) {
    throw new HamgamError('MAHAK_BAD_RESPONSE', `Mahak ${op}: Data is not an object`, { op });
  }
  const data = canonicaliseKeys(env.Data, ['Objects']) as Record<string, unknown>;
  const objects = data.Objects;
  if (objects === undefined || objects === null) return {};
  if (!isRecord(objects)) {
    throw new HamgamError('MAHAK_BAD_RESPONSE', `Mahak ${op}: Data.Objects is not an object`, { op });
  }
  return canonicaliseKeys(objects, collections) as Record<string, unknown>;
}

/** Reads a collection value: null and missing are empty; anything but an array is a bad response. */
export function readArray(value: unknown, op: string, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new HamgamError('MAHAK_BAD_RESPONSE', `Mahak ${op}: ${where} is not an array`, { op, where });
  }
  return value;
}

export { isRecord };
