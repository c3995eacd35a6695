import { z } from 'zod';

/** lower-case -> canonical spelling, built once per canonical key list (this runs per record). */
const lowerMaps = new WeakMap<readonly string[], Map<string, string>>();

function lowerMapOf(canonical: readonly string[]): Map<string, string> {
  let map = lowerMaps.get(canonical);
  if (!map) {
    map = new Map(canonical.map((k) => [k.toLowerCase(), k]));
    lowerMaps.set(canonical, map);
  }
  return map;
}

/**
 * Case-insensitive key reading: returns a copy whose keys that match (ignoring case) one of `canonical`
 * are renamed to the canonical spelling. Unknown keys pass through unchanged. A record that is
 * already canonical (Mahak's usual PascalCase) is returned as is, without a copy.
 */
export function canonicaliseKeys(input: unknown, canonical: readonly string[]): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const byLower = lowerMapOf(canonical);
  const keys = Object.keys(input);
  const renamed = (k: string) => byLower.get(k.toLowerCase()) ?? k;
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
