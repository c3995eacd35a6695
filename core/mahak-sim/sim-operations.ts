import type { FastifyRequest } from 'fastify';
import type { TokenClaims } from './sim-auth.js';
import type { SimEngine } from './sim-engine.js';
import { getAllData, type SimResponse } from './sim-get-all-data.js';
import { saveAllData } from './sim-save-all-data.js';
import { solveDispute, solveOrderDispute } from './sim-disputes.js';
import { uploadPicture } from './sim-upload.js';
import { fail, ok } from './sim-wire.js';

export interface OperationContext {
  engine: SimEngine;
  body: unknown;
  claims: TokenClaims;
  request: FastifyRequest;
  /** Fault modifiers for SaveAllData. */
  phantom: boolean;
  lateMs?: number;
}

export interface Operation {
  /** Canonical name, e.g. `GetAllData`. */
  name: string;
  needsToken: boolean;
  run(ctx: OperationContext): SimResponse | Promise<SimResponse>;
}

const login: Operation['run'] = ({ engine, body }) => {
  const r = engine.auth.login(body);
  if (r.ok) return { status: 200, body: ok(r.data) };
  // Login failure: Result false + Message, details in Data.ErrorCode/ErrorMessage (API.md §2.3).
  return {
    status: 200,
    body: fail(r.errorCode, r.message, { ErrorCode: r.errorCode, ErrorMessage: r.message }),
  };
};

const pull: Operation['run'] = ({ engine, body, claims }) =>
  getAllData(engine.db, body, {
    visitorId: claims.visitorId,
    defaultLimit: engine.settings.defaultPageLimit,
    quirks: engine.settings,
  });

const save: Operation['run'] = ({ engine, body, claims, phantom, lateMs }) =>
  saveAllData(engine, body, claims.visitorId, { phantom, lateMs });

const table: Operation[] = [
  { name: 'Login', needsToken: false, run: login },
  { name: 'LoginV2', needsToken: false, run: login },
  { name: 'GetAllData', needsToken: true, run: pull },
  { name: 'GetAllDataV2', needsToken: true, run: pull },
  { name: 'SaveAllData', needsToken: true, run: save },
  { name: 'SaveAllDataV2', needsToken: true, run: save },
  { name: 'SolveDispute', needsToken: true, run: ({ engine, body }) => solveDispute(engine, body) },
  {
    name: 'SolveOrderDispute',
    needsToken: true,
    run: ({ engine, body, claims }) => solveOrderDispute(engine, body, claims.visitorId),
  },
  { name: 'Upload', needsToken: true, run: ({ engine, request }) => uploadPicture(engine, request) },
];

const byLower = new Map(table.map((op) => [op.name.toLowerCase(), op]));

/** Operation names are matched case-insensitively (`getalldata`, `GetAllData`; API.md §1.1). */
export const findOperation = (name: string): Operation | undefined => byLower.get(name.toLowerCase());
