import { z } from 'zod';

/**
 * key as received -> canonical spelling (or itself), built per canonical key list. Every record of a
 * collection carries the same keys, so each is lower-cased once, not once per record; the memo is
 * emptied past a bound, as a server could send any number of distinct keys.
 */
const spellings = new WeakMap<
  readonly string[],
  { byLower: Map<string, string>; seen: Map<string, string> }
>();
const maxSeen = 10_000;

function spellingOf(canonical: readonly string[]) {
  let found = spellings.get(canonical);
  if (!found) {
    found = { byLower: new Map(canonical.map((k) => [k.toLowerCase(), k])), seen: new Map() };
    spellings.set(canonical, found);
  }
  return found;
}

/**
 * Case-insensitive key reading: returns a copy whose keys that match (ignoring case) one of `canonical`
 * are renamed to the canonical spelling. Unknown keys pass through unchanged. A record that is
 * already canonical (Mahak's usual PascalCase) is returned as is, without a copy.
 */
export function canonicaliseKeys(input: unknown, canonical: readonly string[]): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const spelling = spellingOf(canonical);
  // Plain loops, no closure per record: this runs for every pulled record (a million in a first pull).
  const keys = Object.keys(input);
  let renames = false;
  for (const k of keys)
    if (renamed(spelling, k) !== k) {
      renames = true;
      break;
    }
  if (!renames) return input;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[renamed(spelling, k)] = (input as Record<string, unknown>)[k];
  return out;
}

function renamed(spelling: { byLower: Map<string, string>; seen: Map<string, string> }, k: string): string {
  let to = spelling.seen.get(k);
  if (to === undefined) {
    to = spelling.byLower.get(k.toLowerCase()) ?? k;
    if (spelling.seen.size >= maxSeen) spelling.seen.clear();
    spelling.seen.set(k, to);
  }
  return to;
}

/** Keys of a zod object schema, for canonicaliseKeys. */
const keyLists = new WeakMap<z.ZodTypeAny, string[]>();
export const keysOf = (schema: z.ZodTypeAny): string[] => {
  let keys = keyLists.get(schema);
  if (!keys) {
    keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    keyLists.set(schema, keys);
  }
  return keys;
};
