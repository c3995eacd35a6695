import type { SimDatabase, SimTx } from './sim-database.js';
import type { SimEngine } from './sim-engine.js';
import { entityDefs, type EntityName } from './sim-entities.js';
import { faMessages, saveErrorCodes } from './sim-messages.js';
import type { SimRow } from './sim-row.js';
import { serverOwned } from './sim-save-fields.js';
import { readNumber } from './sim-wire.js';

export interface PropertyError {
  Property: string;
  Code: number;
  Error: string;
}

/** EntityUpdateResult (API.md §4.3), aligned with the submitted array by Index. */
export interface RecordResult {
  Result: boolean;
  Index: number;
  EntityId: number;
  EntityClientId: number;
  EntityCode: number;
  RowVersion: number;
  Errors: PropertyError[];
  AdditionalData: unknown;
}

export type SaveRecord = Record<string, unknown>;

/** State of one SaveAllData request while its records are checked and written into one transaction. */
export interface SaveContext {
  engine: SimEngine;
  db: SimDatabase;
  tx: SimTx;
  visitorId: number;
  /** Orders created by this request: only these may receive lines (a registered order cannot be edited). */
  createdOrders: Set<number>;
  createdReceipts: Set<number>;
  /** Visitor-person links made by this request, `${visitor}|${person}` -> id (relations index at commit). */
  newVisitorPeople: Map<string, number>;
  /** Rows this request saved, for the referee's books. */
  saved: { collection: EntityName; id: number }[];
}

export type Saver = (ctx: SaveContext, rec: SaveRecord, index: number) => RecordResult;

export const num = (v: unknown): number | undefined => {
  const n = readNumber(v);
  return n === undefined || Number.isNaN(n) ? undefined : n;
};

export const err = (property: string, code: keyof typeof saveErrorCodes, message: string): PropertyError => ({
  Property: property,
  Code: saveErrorCodes[code],
  Error: message,
});

export const required = (property: string) => err(property, 'required', faMessages.required(property));
export const invalid = (property: string) => err(property, 'invalid', faMessages.invalid(property));

export function failed(
  entity: EntityName,
  rec: SaveRecord,
  index: number,
  errors: PropertyError[],
  existingId = 0,
): RecordResult {
  const d = entityDefs[entity];
  return {
    Result: false,
    Index: index,
    EntityId: existingId,
    EntityClientId: (d.clientIdField && num(rec[d.clientIdField])) || 0,
    EntityCode: (d.codeField && num(rec[d.codeField])) || 0,
    RowVersion: 0,
    Errors: errors,
    AdditionalData: null,
  };
}

export function succeeded(
  ctx: SaveContext,
  entity: EntityName,
  row: SimRow,
  index: number,
  additional: unknown = null,
): RecordResult {
  const d = entityDefs[entity];
  const id = row[d.idField] as number;
  ctx.saved.push({ collection: entity, id });
  return {
    Result: true,
    Index: index,
    EntityId: id,
    EntityClientId: (d.clientIdField && num(row[d.clientIdField])) || 0,
    EntityCode: (d.codeField && num(row[d.codeField])) || 0,
    RowVersion: row.RowVersion as number,
    Errors: [],
    AdditionalData: additional,
  };
}

/** The record's own fields, minus the ones the server owns. */
export function clientFields(rec: SaveRecord): SimRow {
  const out: SimRow = {};
  for (const [k, v] of Object.entries(rec)) if (!serverOwned.has(k)) out[k] = v;
  return out;
}

/**
 * A reference given as server `<X>Id`, as `<X>ClientId` (a row this visitor created, possibly earlier in the same
 * request) or as `<X>Code` (a desktop code) — API.md §4.1 "identity rules". The first one present wins.
 */
export function resolveRef(
  ctx: SaveContext,
  rec: SaveRecord,
  entity: EntityName,
  prefix: string,
  isRequired: boolean,
): { id?: number; row?: SimRow; error?: PropertyError } {
  const id = num(rec[`${prefix}Id`]);
  const clientId = num(rec[`${prefix}ClientId`]);
  const code = num(rec[`${prefix}Code`]);
  let found: number | undefined;
  let property = `${prefix}Id`;
  if (id !== undefined && id > 0) found = ctx.tx.get(entity, id) ? id : undefined;
  else if (clientId !== undefined && clientId !== 0) {
    property = `${prefix}ClientId`;
    found = ctx.tx.findByClientId(entity, ctx.visitorId, clientId);
  } else if (code !== undefined && code > 0) {
    property = `${prefix}Code`;
    found = ctx.tx.findByCode(entity, code);
  } else {
    return isRequired ? { error: required(`${prefix}Id`) } : {};
  }
  const row = found === undefined ? undefined : ctx.tx.get(entity, found);
  if (!row || row.Deleted === true)
    return { error: err(property, 'notFound', faMessages.notFound(property)) };
  return { id: found, row };
}

/** VisitorId must be present and be the logged-in visitor (the spec marks it mandatory on Orders). */
export function checkVisitor(ctx: SaveContext, rec: SaveRecord): PropertyError | undefined {
  const v = num(rec.VisitorId);
  if (v === undefined || v === 0) return required('VisitorId');
  return v === ctx.visitorId ? undefined : err('VisitorId', 'invalid', faMessages.visitorMismatch);
}

/**
 * Identity of an insert-only record (Order, Receipt, Cheque): a server id, or a ClientId already registered
 * for this visitor, means "already registered, cannot be edited" on property `<X>Id` (API.md §4.2); the
 * answer carries the existing server id. Otherwise the ClientId is required and becomes the identity.
 */
export function insertOnlyIdentity(
  ctx: SaveContext,
  rec: SaveRecord,
  entity: 'Orders' | 'Receipts' | 'Cheques',
  index: number,
  registeredMessage: string,
): { clientId?: number; errors: PropertyError[]; result?: RecordResult } {
  const d = entityDefs[entity];
  const id = num(rec[d.idField]);
  const clientId = num(rec[d.clientIdField!]);
  const registered = (existing: number) => ({
    errors: [],
    result: failed(entity, rec, index, [err(d.idField, 'alreadyRegistered', registeredMessage)], existing),
  });
  if (id !== undefined && id > 0) {
    if (ctx.tx.get(entity, id)) return registered(id);
    return {
      errors: [],
      result: failed(entity, rec, index, [err(d.idField, 'notFound', faMessages.notFound(d.idField))]),
    };
  }
  if (clientId === undefined || clientId === 0) return { errors: [required(d.clientIdField!)] };
  // SimSettings.repeatedClientIds 'accept': no identity check at all, a repeat is a new row.
  if (ctx.engine.settings.repeatedClientIds === 'accept') return { clientId, errors: [] };
  const existing = ctx.tx.findByClientId(entity, ctx.visitorId, clientId);
  return existing !== undefined ? registered(existing) : { clientId, errors: [] };
}
