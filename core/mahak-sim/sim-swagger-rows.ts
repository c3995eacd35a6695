import type { EntityDef, EntityName } from './sim-entities.js';
import type { SimRow } from './sim-row.js';
import { swaggerFields, type SwaggerKind } from './sim-swagger-fields.js';

const neutral: Record<SwaggerKind, unknown> = { number: 0, string: '', boolean: false, date: null };

/** Neutral values for the Swagger fields a row lacks (none when it has them all). */
export function missingSwaggerFields(entity: EntityName, row: SimRow): SimRow {
  const out: SimRow = {};
  for (const [name, kind] of swaggerFields[entity] ?? []) if (!(name in row)) out[name] = neutral[kind];
  return out;
}

/**
 * A new row as Mahak would store it: every field of its Swagger model present (a client that reads
 * `ConsumerPrice3` or `DefaultConsumerPriceLevel` finds it on rows created by clients and at the desk
 * as on seeded ones), and a code assigned the way the desktop assigns it when the writer left none.
 */
export function completeNewRow(def: EntityDef, id: number, row: SimRow): SimRow {
  const code = def.codeField ? Number(row[def.codeField] ?? 0) : 1;
  return {
    ...missingSwaggerFields(def.name, row),
    ...row,
    ...(def.codeField && !code ? { [def.codeField]: id + def.codeOffset } : {}),
  };
}
