import { createHash } from 'node:crypto';
import { pulledEntities, pulledEntityNames, type PulledEntityName } from '../../core/contracts/mahak-wire.js';
import { tableOf } from '../../core/domain/catalog-mapping-entities.js';
import type { Storage } from '../../core/store/storage.js';
import { diffStates, type EntityState, type State } from '../../test/support/sim-referee.js';

const refereePage = 5_000;

/**
 * Store against simulator, row by row, every pulled entity. test/support/sim-referee.ts reads the
 * simulator in one response, which the simulator caps at its page limit per entity: fine for a test's
 * few hundred products, blind past 50,000. This pages each entity (plain HTTP, not our client, so a
 * client bug cannot hide itself), looks the same ids up in the store, and compares with the same rule
 * (`diffStates`: RowVersion, deleted flag, the raw record deep-equal). The caller switches the
 * simulator to honest paging and no faults first: the referee must not be fooled by the chaos.
 */
export async function compareCatalogue(
  syncUrl: string,
  storage: Storage,
): Promise<{ rows: number; problems: string[] }> {
  const token = await login(syncUrl);
  const problems: string[] = [];
  let rows = 0;
  for (const entity of pulledEntityNames) {
    const seen = new Set<number>();
    const { collection, cursorField, idField } = pulledEntities[entity];
    let cursor = 0;
    for (;;) {
      const data = await post(syncUrl, 'GetAllData', { [cursorField]: cursor, pageSize: refereePage }, token);
      const page = ((data.Objects as Record<string, unknown>)?.[collection] ?? []) as Record<
        string,
        unknown
      >[];
      const fresh = page.filter((r) => !seen.has(r[idField] as number));
      if (fresh.length === 0) break;
      const expected = stateOf(entity, fresh, idField);
      const actual = await storedRows(storage, entity, [...expected[entity].keys()]);
      problems.push(...diffStates(expected, actual, 50 - problems.length));
      for (const r of fresh) seen.add(r[idField] as number);
      rows += fresh.length;
      // Equal RowVersions may straddle a page: start again at the page's highest, skip ids seen.
      cursor = Math.max(...page.map((r) => r.RowVersion as number)) - 1;
      if (problems.length >= 50) return { rows, problems };
    }
  }
  return { rows, problems };
}

const emptyState = (): State =>
  Object.fromEntries(pulledEntityNames.map((e) => [e, new Map()])) as unknown as State;

function stateOf(entity: PulledEntityName, records: Record<string, unknown>[], idField: string): State {
  const state = emptyState();
  const rows: EntityState = state[entity];
  for (const r of records)
    rows.set(r[idField] as number, {
      rowVersion: r.RowVersion as number,
      deleted: r.Deleted === true,
      raw: r,
    });
  return state;
}

async function storedRows(storage: Storage, entity: PulledEntityName, ids: number[]): Promise<State> {
  const state = emptyState();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const found = await storage.db.query<{
      id: number;
      row_version: number;
      deleted_at: unknown;
      raw: unknown;
    }>(
      `SELECT id, row_version, deleted_at, raw FROM ${tableOf[entity]} WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of found) {
      const raw = (typeof r.raw === 'string' ? JSON.parse(r.raw) : r.raw) as Record<string, unknown>;
      state[entity].set(Number(r.id), {
        rowVersion: Number(r.row_version),
        deleted: r.deleted_at !== null,
        raw,
      });
    }
  }
  return state;
}

async function login(syncUrl: string): Promise<string> {
  const md5 = createHash('md5').update('demo').digest('hex');
  const data = await post(syncUrl, 'Login', { UserName: 'demo', Password: md5 });
  return data.UserToken as string;
}

async function post(
  syncUrl: string,
  op: string,
  body: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${syncUrl}/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`referee ${op}: HTTP ${res.status}`);
  const envelope = (await res.json()) as { Result: boolean; Data: Record<string, unknown> };
  if (!envelope.Result) throw new Error(`referee ${op}: Result false`);
  return envelope.Data;
}
