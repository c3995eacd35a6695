/** Request binding and response envelopes (API.md §1.4, §1.5). */

export interface Envelope {
  Result: boolean;
  Code: number;
  Message: string | null;
  Data: unknown;
}

export const ok = (data: unknown, message: string | null = null): Envelope => ({
  Result: true,
  Code: 0,
  Message: message,
  Data: data,
});
export const fail = (code: number, message: string, data: unknown = null): Envelope => ({
  Result: false,
  Code: code,
  Message: message,
  Data: data,
});

export type LowerMap = Map<string, unknown>;

/** Requests are bound case-insensitively (camelCase, PascalCase, all-lower, mixes): key -> lower-case key. */
export function lowerKeys(input: unknown): LowerMap {
  const m: LowerMap = new Map();
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const [k, v] of Object.entries(input)) m.set(k.toLowerCase(), v);
  }
  return m;
}

/** An int64 sent as number or numeric string; undefined when absent or null; NaN when not a number. */
export function readNumber(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))) return Number(v);
  if (typeof v === 'boolean') return NaN;
  return NaN;
}

export const readString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v == null ? undefined : String(v);

/** Rename keys to the canonical spelling when known (ignoring case); unknown keys get an upper-case first letter. */
/**
 * A SaveAllData record bound to its model, as Mahak's ASP.NET binder does: known fields under their
 * canonical names, anything else dropped (never stored, never served back by GetAllData).
 */
export function bindRecord(input: unknown, model: readonly string[]): Record<string, unknown> {
  const byLower = new Map(model.map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  for (const [k, v] of Object.entries(input)) {
    const name = byLower.get(k.toLowerCase());
    if (name !== undefined) out[name] = v;
  }
  return out;
}

export function canonicalRecord(input: unknown, canonical: readonly string[]): Record<string, unknown> {
  const byLower = new Map(canonical.map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  for (const [k, v] of Object.entries(input)) {
    out[byLower.get(k.toLowerCase()) ?? k.charAt(0).toUpperCase() + k.slice(1)] = v;
  }
  return out;
}
