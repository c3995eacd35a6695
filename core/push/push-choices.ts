import type { Config } from '../config/config-schema.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { lookupWhere } from './mahak-lookup.js';
import type { PushMahak } from './push-ports.js';

/**
 * Mahak ids the push puts on records it creates, never invented (issue 8, item 10): each comes from
 * Mahak's own data — the pulled lists (stores, person_groups, banks), or, before the first pull, the same
 * lists read from Mahak — chosen by configured id or code, else by the documented default. VisitorId
 * comes from the login answer (push-worker.ts). A choice that is missing or ambiguous throws ONE
 * CONFIG_INVALID: the push run stops before leasing anything, so staff get one clear message, not one
 * dispute per order.
 */

/**
 * Desk settings the choices are made from: a change may end a pause, so the push looks again at once
 * (core/create-app.ts nudges; push-worker.ts recheckPause).
 */
export const pushChoiceKeys: readonly string[] = ['storeId', 'mahakPersonGroupId', 'mahakBankId'];

interface Choice {
  id: number;
  code: number | null;
}

export interface ChoiceDeps {
  db: SqlExecutor;
  mahak: PushMahak;
  pageSize: number;
}

const pause = (key: string, env: string, problem: string, message: string) =>
  new HamgamError('CONFIG_INVALID', `Pushing is paused: ${message}`, [{ key, env, problem }]);

/** Live rows of a pulled table, or (nothing pulled yet) of Mahak's own list. */
const lists = {
  Stores: { table: 'stores', singular: 'Store' },
  PersonGroups: { table: 'person_groups', singular: 'PersonGroup' },
  Banks: { table: 'banks', singular: 'Bank' },
} as const;

async function liveList(deps: ChoiceDeps, entity: keyof typeof lists): Promise<Choice[]> {
  const { table, singular } = lists[entity];
  const local = await deps.db.query<{ id: number; code: number | null }>(
    `SELECT id, code FROM ${table} WHERE deleted_at IS NULL ORDER BY id`,
  );
  if (local.length > 0)
    return local.map((r) => ({ id: Number(r.id), code: r.code === null ? null : Number(r.code) }));
  const idField = `${singular}Id`;
  const codeField = `${singular}Code`;
  const rows = await lookupWhere(deps, entity, 0, (r) => r.Deleted !== true);
  return rows
    .map((r) => ({ id: Number(r[idField]), code: r[codeField] === undefined ? null : Number(r[codeField]) }))
    .sort((a, b) => a.id - b.id);
}

function choose(
  list: Choice[],
  wanted: { id?: number; code?: number },
  names: { key: string; env: string; codeKey: string; codeEnv: string; what: string },
  byDefault: (list: Choice[]) => Choice | undefined,
): number {
  if (wanted.id !== undefined) {
    if (list.some((c) => c.id === wanted.id)) return wanted.id;
    throw pause(names.key, names.env, 'not in Mahak', `Mahak has no ${names.what} with id ${wanted.id}`);
  }
  if (wanted.code !== undefined) {
    const hits = list.filter((c) => c.code === wanted.code);
    if (hits.length === 1) return hits[0].id;
    const problem = hits.length === 0 ? 'not in Mahak' : 'ambiguous';
    throw pause(
      names.codeKey,
      names.codeEnv,
      problem,
      `${hits.length} ${names.what}s in Mahak have code ${wanted.code}`,
    );
  }
  const chosen = byDefault(list);
  if (chosen) return chosen.id;
  throw pause(
    names.key,
    names.env,
    'none in Mahak',
    `Mahak has no ${names.what}; set ${names.env} or ${names.codeEnv}`,
  );
}

/**
 * OrderDetail.StoreId (S5: required per Mahak support, API.md §4.1): config storeId, else the store
 * with config storeCode, else (documented default) the live store with the lowest id.
 */
export async function resolveStoreChoice(deps: ChoiceDeps, config: Config): Promise<number> {
  const list = await liveList(deps, 'Stores');
  const names = {
    key: 'storeId',
    env: 'HAMGAM_STORE_ID',
    codeKey: 'storeCode',
    codeEnv: 'HAMGAM_STORE_CODE',
    what: 'store',
  };
  const wanted = {
    ...(config.storeId === undefined ? {} : { id: config.storeId }),
    ...(config.storeCode === undefined ? {} : { code: config.storeCode }),
  };
  return choose(list, wanted, names, (l) => l[0]);
}

/**
 * Person.PersonGroupId of a new web customer (S5: required, must exist): config mahakPersonGroupId,
 * else the group with config mahakPersonGroupCode, else (documented default) the live group with the
 * lowest code — the desktop program's first group, «عمومی» in a new Mahak database.
 */
export async function resolvePersonGroupChoice(deps: ChoiceDeps, config: Config): Promise<number> {
  const list = await liveList(deps, 'PersonGroups');
  const names = {
    key: 'mahakPersonGroupId',
    env: 'HAMGAM_MAHAK_PERSON_GROUP_ID',
    codeKey: 'mahakPersonGroupCode',
    codeEnv: 'HAMGAM_MAHAK_PERSON_GROUP_CODE',
    what: 'person group',
  };
  const wanted = {
    ...(config.mahakPersonGroupId === undefined ? {} : { id: config.mahakPersonGroupId }),
    ...(config.mahakPersonGroupCode === undefined ? {} : { code: config.mahakPersonGroupCode }),
  };
  return choose(list, wanted, names, lowestCode);
}

/**
 * Cheque.BankId of a web payment (S4 records gateway money as a Type 2 cheque on a bank, API.md §4.1):
 * config mahakBankId, else the bank with config mahakBankCode, else (documented default) the live bank
 * with the lowest code — the desktop program's first account. Resolved for every run, paid orders or
 * not: a bank Mahak lacks would otherwise surface as one refused payment per order.
 */
export async function resolveBankChoice(deps: ChoiceDeps, config: Config): Promise<number> {
  const list = await liveList(deps, 'Banks');
  const names = {
    key: 'mahakBankId',
    env: 'HAMGAM_MAHAK_BANK_ID',
    codeKey: 'mahakBankCode',
    codeEnv: 'HAMGAM_MAHAK_BANK_CODE',
    what: 'bank',
  };
  const wanted = {
    ...(config.mahakBankId === undefined ? {} : { id: config.mahakBankId }),
    ...(config.mahakBankCode === undefined ? {} : { code: config.mahakBankCode }),
  };
  return choose(list, wanted, names, lowestCode);
}

const lowestCode = (l: Choice[]) =>
  [...l].sort((a, b) => (a.code ?? Infinity) - (b.code ?? Infinity) || a.id - b.id)[0];
