import {
  canonicaliseKeys,
  entityUpdateResultWire,
  keysOf,
  propertyErrorWire,
  type EntityUpdateResult,
} from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import { describeIssues, isRecord, readArray } from './mahak-envelope.js';

/** SaveAllData per-record results (API.md §4.3), aligned with what was sent. */

export type SaveAllDataRequest = Partial<Record<string, Record<string, unknown>[]>>;

export interface SaveAllDataResult {
  /** Top-level Result: false when any record was rejected (the rejected ones carry Errors). */
  ok: boolean;
  message?: string;
  /** Per collection, results[i] belongs to the i-th record sent. */
  results: Partial<Record<string, EntityUpdateResult[]>>;
}

const resultKeys = keysOf(entityUpdateResultWire);
const errorKeys = keysOf(propertyErrorWire);

/**
 * Stands in for a record Mahak said nothing about. `Missing: true` tells the push side the outcome is
 * unknown (the record may or may not be saved), so it should read back rather than resend blindly.
 */
export function missingResult(index: number): EntityUpdateResult {
  return {
    Result: false,
    Index: index,
    EntityId: undefined,
    EntityClientId: undefined,
    EntityCode: undefined,
    RowVersion: undefined,
    Errors: [{ Property: undefined, Code: undefined, Error: 'محک برای این رکورد نتیجه‌ای برنگرداند' }],
    Missing: true,
  };
}

export function parseEntityUpdateResult(raw: unknown, op: string, where: string): EntityUpdateResult {
  const canonical = canonicaliseKeys(raw, resultKeys);
  if (isRecord(canonical) && Array.isArray(canonical.Errors)) {
    canonical.Errors = canonical.Errors.map((e) => canonicaliseKeys(e, errorKeys));
  }
  const parsed = entityUpdateResultWire.safeParse(canonical);
  if (!parsed.success) {
    throw new HamgamError('MAHAK_BAD_RESPONSE', `Mahak ${op}: ${where} is not a valid EntityUpdateResult`, {
      op,
      where,
      reason: describeIssues(parsed.error),
    });
  }
  return parsed.data;
}

/**
 * Matches results to inputs by `Index` (0-based position in the sent array); a result without Index
 * falls back to its own position, which is how Mahak's own clients map them (S3, S4). Results that point
 * outside the input, or at an input already matched, are dropped.
 */
export function alignResults(sentCount: number, results: EntityUpdateResult[]): EntityUpdateResult[] {
  const byIndex = new Map<number, EntityUpdateResult>();
  const place = (index: number, r: EntityUpdateResult) => {
    if (index >= 0 && index < sentCount && !byIndex.has(index)) byIndex.set(index, r);
  };
  // Explicit indexes first, so a result without Index never takes a slot another result names.
  for (const r of results) if (r.Index !== undefined) place(r.Index, r);
  results.forEach((r, position) => r.Index === undefined && place(position, r));
  return Array.from({ length: sentCount }, (_, i) => byIndex.get(i) ?? missingResult(i));
}

/** Reads `{ <Collection>: { Results: [...] } }` (Objects already canonicalised to the sent names). */
export function readSaveResults(
  sent: SaveAllDataRequest,
  objects: Record<string, unknown>,
  op: string,
): SaveAllDataResult['results'] {
  const out: SaveAllDataResult['results'] = {};
  for (const [collection, records] of Object.entries(sent)) {
    if (records === undefined) continue;
    const group = objects[collection];
    if (group !== undefined && group !== null && !isRecord(group)) {
      throw new HamgamError('MAHAK_BAD_RESPONSE', `Mahak ${op}: Objects.${collection} is not an object`, {
        op,
      });
    }
    const results = group
      ? (canonicaliseKeys(group, ['Results']) as Record<string, unknown>).Results
      : undefined;
    const parsed = readArray(results, op, `Objects.${collection}.Results`).map((r, i) =>
      parseEntityUpdateResult(r, op, `Objects.${collection}.Results[${i}]`),
    );
    out[collection] = alignResults(records.length, parsed);
  }
  return out;
}
