import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { pulledEntities, pulledEntityNames, type PulledEntityName } from '../../core/contracts/mahak-wire.js';
import { tableOf } from '../../core/domain/catalog-mapping-entities.js';
import type { Storage } from '../../core/store/storage.js';

/** id -> the record as Mahak serves it (the simulator) or as the store keeps it (raw). */
export type EntityState = Map<number, { rowVersion: number; deleted: boolean; raw: Record<string, unknown> }>;
export type State = Record<PulledEntityName, EntityState>;

/**
 * The referee: the simulator's state read with plain HTTP (not through our client, so a client bug
 * cannot hide itself), every entity from cursor 0 in one response.
 */
export async function simState(syncUrl: string): Promise<State> {
  const post = async (op: string, body: unknown, token?: string) => {
    const res = await fetch(`${syncUrl}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${op}: HTTP ${res.status}`);
    return (await res.json()) as { Result: boolean; Data: Record<string, unknown> };
  };
  const md5 = createHash('md5').update('demo').digest('hex');
  const login = await post('Login', { UserName: 'demo', Password: md5 });
  const token = login.Data.UserToken as string;
  const cursors = Object.fromEntries(pulledEntityNames.map((e) => [pulledEntities[e].cursorField, 0]));
  const all = await post('GetAllData', cursors, token);
  const objects = (all.Data.Objects ?? {}) as Record<string, Record<string, unknown>[] | null>;
  return Object.fromEntries(
    pulledEntityNames.map((e) => {
      const { collection, idField } = pulledEntities[e];
      const state: EntityState = new Map();
      for (const r of objects[collection] ?? []) {
        state.set(r[idField] as number, {
          rowVersion: r.RowVersion as number,
          deleted: r.Deleted === true,
          raw: r,
        });
      }
      return [e, state];
    }),
  ) as State;
}

export async function storeState(storage: Storage): Promise<State> {
  const entries = await Promise.all(
    pulledEntityNames.map(async (e) => {
      const rows = await storage.db.query<{
        id: number;
        row_version: number;
        deleted_at: number | null;
        raw: unknown;
      }>(`SELECT id, row_version, deleted_at, raw FROM ${tableOf[e]}`);
      const state: EntityState = new Map();
      for (const r of rows) {
        const raw = (typeof r.raw === 'string' ? JSON.parse(r.raw) : r.raw) as Record<string, unknown>;
        state.set(Number(r.id), { rowVersion: Number(r.row_version), deleted: r.deleted_at !== null, raw });
      }
      return [e, state] as const;
    }),
  );
  return Object.fromEntries(entries) as State;
}

/** Row-by-row differences (empty when the store equals the simulator). */
export function diffStates(expected: State, actual: State, limit = 20): string[] {
  const out: string[] = [];
  for (const e of pulledEntityNames) {
    for (const [id, want] of expected[e]) {
      const got = actual[e].get(id);
      if (!got) out.push(`${e} ${id}: missing in store`);
      else if (got.rowVersion !== want.rowVersion)
        out.push(`${e} ${id}: RowVersion ${got.rowVersion} != ${want.rowVersion}`);
      else if (got.deleted !== want.deleted)
        out.push(`${e} ${id}: deleted ${got.deleted} != ${want.deleted}`);
      else if (!isDeepStrictEqual(got.raw, want.raw)) out.push(`${e} ${id}: payload differs`);
    }
    // Rows the store holds that Mahak no longer serves are legitimate: an un-assigned product stops
    // being visible to our visitor (API.md §3.2) and the store keeps it unpublished, for history.
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

export const countRows = (s: State): number => pulledEntityNames.reduce((n, e) => n + s[e].size, 0);
