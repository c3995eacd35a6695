import { sourceTextOf } from '../domain/record-source.js';
import type { ColumnType } from './sql-db.js';

/** Reads a JSON column: both drivers hand JSON back as text (see sql-db.ts). */
export function readJson<T = unknown>(value: unknown): T {
  if (value === null || value === undefined) return value as T;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * A value for a JSON column parameter: always JSON.stringify'd (a string becomes a JSON string), so
 * pass the value, never pre-serialised text. null/undefined become SQL NULL.
 */
export function jsonParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // A record still as it was parsed from Mahak's answer: its own text (domain/record-source.ts).
  return sourceTextOf(value) ?? JSON.stringify(value);
}

/** Normalises one value for a typed column so both drivers bind the same thing. */
export function toParam(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'json':
      return jsonParam(value);
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 'true' ? 1 : 0;
    case 'text':
      return typeof value === 'string' ? value : String(value);
    default:
      return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
}

/** Parameters for ad-hoc statements: undefined -> null, booleans -> 0/1 (SQLite cannot bind booleans). */
export function plainParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Table and column names are spliced into SQL, so they must be plain identifiers. */
export function assertIdentifier(name: string): string {
  if (!identifier.test(name)) throw new Error(`Not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}
