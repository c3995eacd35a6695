import { z } from 'zod';

/** Lenient primitives of Mahak's wire format: numbers may arrive as strings, null means absent. */

/**
 * The type a value must already have for its primitive to hand it back unchanged, per schema: the
 * fast path of mahak-wire-fast.ts. Not in the map: a schema that may change any value it is given.
 */
export type WireKind = 'int' | 'num' | 'str' | 'bool';
export const wireKinds = new WeakMap<z.ZodTypeAny, { kind: WireKind; optional: boolean }>();

const kind = <T extends z.ZodTypeAny>(schema: T, k: WireKind, optional = false): T => {
  wireKinds.set(schema, { kind: k, optional });
  return schema;
};

/** int64 on the wire. Values above 2^32 are normal (API.md §6); above 2^53 would lose precision. */
export const int64 = kind(
  z.preprocess(
    (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
    z.number().int().refine(Number.isSafeInteger, 'int64 beyond 2^53 cannot be represented exactly'),
  ),
  'int',
);
export const int = kind(
  z.preprocess((v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v), z.number().int()),
  'int',
);
export const num = kind(
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : v),
    z.number(),
  ),
  'num',
);
export const str = kind(z.string(), 'str');
export const bool = kind(
  z.preprocess((v) => (v === 1 || v === 'true' ? true : v === 0 || v === 'false' ? false : v), z.boolean()),
  'bool',
);

/** Optional and nullable: Mahak sends null, omits, or sends the value. */
export const opt = <T extends z.ZodTypeAny>(t: T) => {
  const schema = t.nullish().transform((v) => (v === null ? undefined : v));
  const inner = wireKinds.get(t);
  // null becomes undefined: only an absent value passes unchanged, so null is not on the fast path.
  if (inner) wireKinds.set(schema, { kind: inner.kind, optional: true });
  return schema;
};

/** Deleted: absent reads as false, so only a boolean passes unchanged. */
export const deletedFlag = kind(
  opt(bool).transform((v) => v ?? false),
  'bool',
);
