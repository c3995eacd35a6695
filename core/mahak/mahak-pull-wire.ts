import { passesUnchanged } from '../contracts/mahak-wire-fast.js';
import {
  canonicaliseKeys,
  keysOf,
  pulledEntities,
  readBackEntities,
  type WireEntity,
} from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import { describeIssues, isRecord, readArray } from './mahak-envelope.js';

/** GetAllData request building and response reading (API.md §3). */

export interface GetAllDataRequest {
  /** Collection name ('Products') -> last RowVersion held; 0 = everything; absent = not wanted (API.md §3.1). */
  cursors: Partial<Record<string, number>>;
  pageSize?: number;
  orderTypes?: number[];
}

export interface QuarantinedRecord {
  entity: string;
  payload: unknown;
  reason: string;
}

export interface GetAllDataResult {
  records: Partial<Record<string, Record<string, unknown>[]>>;
  quarantined: QuarantinedRecord[];
}

const knownEntities: Record<string, WireEntity> = { ...pulledEntities, ...readBackEntities };

export function entityOf(collection: string): WireEntity {
  const entity = knownEntities[collection];
  if (!entity) {
    throw new HamgamError('VALIDATION_FAILED', `Unknown Mahak collection ${collection}`, {
      collection,
      known: Object.keys(knownEntities),
    });
  }
  return entity;
}

/** `fromProductVersion` -> `FromProductVersion`: we send PascalCase like the server's own answers. */
export const cursorKey = (entity: WireEntity): string =>
  entity.cursorField[0].toUpperCase() + entity.cursorField.slice(1);

function cursorValue(collection: string, value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new HamgamError('VALIDATION_FAILED', `Cursor of ${collection} is not an integer`, {
      collection,
      value,
    });
  }
  // A cursor minus the overlap window can dip below zero; for Mahak 0 already means "everything".
  return Math.max(0, value);
}

export function getAllDataBody(req: GetAllDataRequest, visitorId: number): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [collection, value] of Object.entries(req.cursors)) {
    if (value === undefined) continue; // absent means "skip this entity", never "0"
    body[cursorKey(entityOf(collection))] = cursorValue(collection, value);
  }
  if (req.pageSize !== undefined) body.PageSize = req.pageSize;
  if (req.orderTypes !== undefined) body.OrderTypes = req.orderTypes;
  // Later Swagger capture; S2 says it must be the VisitorId from login (API.md §3.1).
  body.CurrentVisitorId = visitorId;
  return body;
}

/** Validates one record against its entity schema; an invalid one is quarantined, never fatal. */
export function readRecord(
  collection: string,
  entity: WireEntity,
  raw: unknown,
): { record: Record<string, unknown> } | { quarantined: QuarantinedRecord } {
  if (!isRecord(raw))
    return { quarantined: { entity: collection, payload: raw, reason: 'record is not an object' } };
  const canonical = canonicaliseKeys(raw, keysOf(entity.schema)) as Record<string, unknown>;
  if (passesUnchanged(entity.schema, canonical)) return { record: canonical };
  const parsed = entity.schema.safeParse(canonical);
  if (!parsed.success) {
    return { quarantined: { entity: collection, payload: raw, reason: describeIssues(parsed.error) } };
  }
  return { record: parsed.data as Record<string, unknown> };
}

/** Reads the requested collections out of `Data.Objects` (already canonicalised); others are ignored. */
export function readPulledObjects(
  objects: Record<string, unknown>,
  collections: readonly string[],
  op: string,
): GetAllDataResult {
  const result: GetAllDataResult = { records: {}, quarantined: [] };
  for (const collection of collections) {
    const entity = entityOf(collection);
    const rows: Record<string, unknown>[] = [];
    for (const raw of readArray(objects[collection], op, `Objects.${collection}`)) {
      const read = readRecord(collection, entity, raw);
      if ('record' in read) rows.push(read.record);
      else result.quarantined.push(read.quarantined);
    }
    result.records[collection] = rows;
  }
  return result;
}
