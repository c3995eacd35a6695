import { z } from 'zod';

/** Lenient primitives of Mahak's wire format: numbers may arrive as strings, null means absent. */
/** int64 on the wire. Values above 2^32 are normal (API.md §6); above 2^53 would lose precision. */
export const int64 = z.preprocess(
  (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
  z.number().int().refine(Number.isSafeInteger, 'int64 beyond 2^53 cannot be represented exactly'),
);
export const int = z.preprocess(
  (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
  z.number().int(),
);
export const num = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : v),
  z.number(),
);
export const str = z.string();
export const bool = z.preprocess(
  (v) => (v === 1 || v === 'true' ? true : v === 0 || v === 'false' ? false : v),
  z.boolean(),
);

/** Optional and nullable: Mahak sends null, omits, or sends the value. */
export const opt = <T extends z.ZodTypeAny>(t: T) =>
  t.nullish().transform((v) => (v === null ? undefined : v));
