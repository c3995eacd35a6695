import { z } from 'zod';
import { wireKinds, type WireKind } from './mahak-wire-primitives.js';

/**
 * The pull's fast path through the wire schemas. Validating with zod took more of a pull's time than
 * writing the rows (each record is read twice: at the door and again off the queue), while nearly
 * every record already has its final form: numbers as numbers, no nulls, Deleted a boolean. Such a
 * record is one the schema hands back unchanged, so a plain loop over the declared fields decides; any
 * other record goes through zod as before, which converts it or says what is wrong.
 */

type FieldCheck = readonly [key: string, kind: WireKind, optional: boolean];

const checks = new WeakMap<z.ZodTypeAny, readonly FieldCheck[] | null>();

/** The field checks of a loose object schema made of wire primitives; null when it has any other part. */
function fieldChecks(schema: z.ZodTypeAny): readonly FieldCheck[] | null {
  let found = checks.get(schema);
  if (found === undefined) {
    found = null;
    if (schema instanceof z.ZodObject) {
      const fields = Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(
        ([key, field]) => [key, wireKinds.get(field)] as const,
      );
      if (fields.every(([, k]) => k !== undefined))
        found = fields.map(([key, k]) => [key, k!.kind, k!.optional] as const);
    }
    checks.set(schema, found);
  }
  return found;
}

const passes: Record<WireKind, (v: unknown) => boolean> = {
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  num: (v) => typeof v === 'number' && Number.isFinite(v),
  str: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
};

/**
 * True when `schema` would hand `record` back as it is: every declared field, and the others, which a
 * loose schema passes through (only the key order of its output differs). zod drops an own
 * `__proto__` key, so such a record goes to zod.
 */
export function passesUnchanged(schema: z.ZodTypeAny, record: Record<string, unknown>): boolean {
  const fields = fieldChecks(schema);
  if (!fields || Object.hasOwn(record, '__proto__')) return false;
  for (const [key, kind, optional] of fields) {
    const v = record[key];
    if (v === undefined ? !optional || Object.hasOwn(record, key) : !passes[kind](v)) return false;
  }
  return true;
}
