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

/** True when `schema` would return `record`'s declared fields exactly as they are. */
export function passesUnchanged(schema: z.ZodTypeAny, record: Record<string, unknown>): boolean {
  const fields = fieldChecks(schema);
  if (!fields) return false;
  for (const [key, kind, optional] of fields) {
    const v = record[key];
    if (v === undefined ? !optional || Object.hasOwn(record, key) : !passes[kind](v)) return false;
  }
  return true;
}

/**
 * What the loose schema outputs for a record that passes unchanged: its declared fields first, in
 * the schema's order, then the others in their own order (zod drops an own `__proto__` key).
 */
export function looseOutput(schema: z.ZodObject, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shape = schema.shape as Record<string, unknown>;
  for (const key of Object.keys(shape)) if (Object.hasOwn(record, key)) out[key] = record[key];
  for (const key of Object.keys(record))
    if (!Object.hasOwn(shape, key) && key !== '__proto__') out[key] = record[key];
  return out;
}
