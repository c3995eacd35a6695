import { passesUnchanged } from '../contracts/mahak-wire-fast.js';
import { keysOf, pulledEntities, type PulledEntityName } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import {
  entityFields,
  shopOwnedColumns,
  tableOf,
  type FieldDecl,
  type WireRecord,
} from './catalog-mapping-entities.js';

export { toRial } from './catalog-mapping-entities.js';
import type { ColumnSpec, MappingContext, PullOptOut, PullOptOuts } from './catalog-mapping-types.js';

export type {
  ColumnSpec,
  ColumnType,
  MappingContext,
  PullOptOut,
  PullOptOuts,
} from './catalog-mapping-types.js';

/**
 * How one pulled Mahak entity lands in the store: its table, its columns (in value order) and the
 * pure function that turns one canonical wire record into those values. Every synced table has
 * id (Mahak server id, the conflict key), row_version (the monotonic guard, invariant 3),
 * deleted_at (invariant 4), the typed columns, and raw (the canonical payload, kept whole).
 */
export interface EntityMapping {
  entity: PulledEntityName;
  table: string;
  columns: readonly ColumnSpec[];
  key: readonly ['id'];
  guard: 'row_version';
  /** Validates the record (throws VALIDATION_FAILED) and returns its column values. */
  toRow(record: Record<string, unknown>, ctx: MappingContext): unknown[];
  /** Mahak server id and RowVersion of a record, without mapping it. */
  identify(record: Record<string, unknown>): { id: number; rowVersion: number };
  /** Columns an update must leave alone under these opt-outs (none for most entities). */
  keptColumns(optOuts: PullOptOuts | undefined): string[];
  /** The columns one opt-out protects in this entity's table. */
  ownedBy(optOut: PullOptOut): readonly string[];
}

function defineMapping(entity: PulledEntityName): EntityMapping {
  const wire = pulledEntities[entity];
  const canonicalise = keyCanonicaliser(keysOf(wire.schema));
  const fields: readonly FieldDecl[] = entityFields[entity];
  const columns: ColumnSpec[] = [
    { name: 'id', type: 'int' },
    { name: 'row_version', type: 'int' },
    { name: 'deleted_at', type: 'int' },
    ...fields.map(([name, type]) => ({ name, type })),
    { name: 'raw', type: 'json' },
  ];
  const parse = (
    record: Record<string, unknown>,
  ): { canonical: Record<string, unknown>; parsed: WireRecord } => {
    const canonical = canonicalise(record);
    // The fetcher's output nearly always: the schema would hand the fields back as they are.
    if (passesUnchanged(wire.schema, canonical)) return { canonical, parsed: canonical as WireRecord };
    const result = wire.schema.safeParse(canonical);
    if (!result.success) {
      throw new HamgamError(
        'VALIDATION_FAILED',
        `Invalid ${entity} record: ${result.error.issues[0]?.message ?? 'invalid'}`,
        {
          entity,
          id: canonical[wire.idField],
          issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      );
    }
    return { canonical, parsed: result.data as WireRecord };
  };
  return {
    entity,
    table: tableOf[entity],
    columns,
    key: ['id'],
    guard: 'row_version',
    toRow(record, ctx) {
      const { canonical, parsed } = parse(record);
      // Deleted: true stamps the moment we learnt it; an undelete (a newer RowVersion) clears it again.
      const row: unknown[] = [
        parsed[wire.idField],
        parsed.RowVersion,
        parsed.Deleted === true ? ctx.now : null,
      ];
      // One array filled in place: this runs for every pulled record (a million in a first pull).
      for (const [, , source] of fields)
        row.push(typeof source === 'string' ? (parsed[source] ?? null) : source(parsed, ctx));
      row.push(canonical);
      return row;
    },
    identify(record) {
      const { parsed } = parse(record);
      return { id: parsed[wire.idField] as number, rowVersion: parsed.RowVersion as number };
    },
    keptColumns(optOuts) {
      const owned = shopOwnedColumns[entity];
      if (!optOuts || !owned) return [];
      return (Object.keys(owned) as PullOptOut[]).filter((o) => optOuts[o]).flatMap((o) => owned[o] ?? []);
    },
    ownedBy(optOut) {
      return shopOwnedColumns[entity]?.[optOut] ?? [];
    },
  };
}

export const catalogMappings: Readonly<Record<PulledEntityName, EntityMapping>> = Object.freeze(
  Object.fromEntries(
    Object.keys(pulledEntities).map((e) => [e, defineMapping(e as PulledEntityName)]),
  ) as Record<PulledEntityName, EntityMapping>,
);

export function mappingFor(entity: PulledEntityName): EntityMapping {
  const mapping = catalogMappings[entity];
  if (!mapping) throw new HamgamError('VALIDATION_FAILED', `Unknown entity ${String(entity)}`, { entity });
  return mapping;
}

/**
 * Case-insensitive keys (API.md §1.4), like canonicaliseKeys in mahak-wire.ts but with the lookup built
 * once per entity and no copy when the record is already canonical (the usual case: the fetcher
 * canonicalised it), because this runs for every pulled row.
 */
function keyCanonicaliser(
  canonical: readonly string[],
): (record: Record<string, unknown>) => Record<string, unknown> {
  const exact = new Set(canonical);
  const byLower = new Map(canonical.map((k) => [k.toLowerCase(), k]));
  return (record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
    let canonicalAlready = true;
    for (const k in record) {
      if (!exact.has(k) && byLower.has(k.toLowerCase())) {
        canonicalAlready = false;
        break;
      }
    }
    if (canonicalAlready) return record;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[byLower.get(k.toLowerCase()) ?? k] = v;
    return out;
  };
}
