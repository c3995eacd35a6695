import { z } from 'zod';
import { bool, int, int64, opt, str } from './mahak-wire-primitives.js';

/** Mahak's envelope (API.md §1.5). */
export const envelopeWire = z.looseObject({
  Result: bool,
  Code: opt(int),
  Message: opt(str),
  Data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeWire>;

export const propertyErrorWire = z.looseObject({ Property: opt(str), Code: opt(int), Error: opt(str) });

/** One per-record result of SaveAllData, matched to the input by Index (API.md §4.3). */
export const entityUpdateResultWire = z.looseObject({
  Result: bool,
  Index: opt(int),
  EntityId: opt(int),
  EntityClientId: opt(int64),
  EntityCode: opt(int),
  RowVersion: opt(int64),
  Errors: opt(z.array(propertyErrorWire)).transform((v) => v ?? []),
  AdditionalData: z.unknown().optional(),
});
export type EntityUpdateResult = z.infer<typeof entityUpdateResultWire>;

export const loginResultWire = z.looseObject({
  UserToken: opt(str),
  SyncId: opt(int),
  VisitorId: opt(int),
  DatabaseId: opt(int),
  ErrorCode: opt(int),
  ErrorMessage: opt(str),
  UserTitle: opt(str),
  ServerTime: opt(str),
});
export type LoginResult = z.infer<typeof loginResultWire>;
