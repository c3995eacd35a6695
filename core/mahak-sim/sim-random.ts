/**
 * Seeded, allocation-free randomness for the simulator. The base catalogue is procedural: record i of an
 * entity is computed from (seed, entity salt, i) on demand, so a 1,000,000-product catalogue costs no
 * memory and the same seed always yields the same data.
 */

/** murmur3's 32-bit finaliser: good avalanche, cheap. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic unsigned 32-bit hash of integers (values beyond 2^32 are folded in, not truncated). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p | 0;
    const hi = Math.floor(p / 4294967296) | 0;
    h = fmix32((h ^ lo) + Math.imul(hi, 0x27d4eb2f) + 0x7f4a7c15);
  }
  return h;
}

/** Deterministic float in [0, 1). */
export const unit = (...parts: number[]): number => hash32(...parts) / 4294967296;

/** Deterministic pick from a non-empty list. */
export const pick = <T>(list: readonly T[], ...parts: number[]): T => list[hash32(...parts) % list.length];

/** Deterministic integer in [min, max]. */
export const between = (min: number, max: number, ...parts: number[]): number =>
  min + (hash32(...parts) % (max - min + 1));

/** A seeded stream (mulberry32) for things that happen in sequence, e.g. probabilistic faults. */
export function createRandomStream(seed: number): () => number {
  let a = hash32(seed) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stable salts so adding an entity never reshuffles another entity's data. */
export const salt = {
  product: 11,
  detail: 12,
  stock: 13,
  picture: 14,
  person: 15,
  category: 16,
  blocks: 17,
  stores: 18,
} as const;
