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
  const { byLower, seen } = spellingOf(canonical);
  const renamed = (k: string) => {
    let to = seen.get(k);
    if (to === undefined) {
      to = byLower.get(k.toLowerCase()) ?? k;
      if (seen.size >= maxSeen) seen.clear();
      seen.set(k, to);
    }
    return to;
  };
  const keys = Object.keys(input);
  if (keys.every((k) => renamed(k) === k)) return input;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[renamed(k)] = (input as Record<string, unknown>)[k];
  return out;
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
