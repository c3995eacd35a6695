import type { ItemOutcome } from '../domain/push-results.js';
import { lookupWhere } from './mahak-lookup.js';
import type { PushContext } from './push-context.js';
import { isPersonItem, type WorkItem } from './push-items.js';

/** outboxId -> Mahak's PersonId as read back (null: not there), or the read-back's own failure. */
export type PeopleReadBack = Map<string, number | null> | { error: unknown };

/**
 * A new customer is confirmed like an order (a Result:true is not proof, API.md §4.3): People are read
 * back above the RowVersion the save returned and matched by PersonClientId. An order must never be
 * sent with the PersonId of a person a phantom save never stored.
 */
export async function confirmPeople(
  ctx: PushContext,
  outcomes: readonly ItemOutcome[],
  byId: Map<string, WorkItem>,
): Promise<PeopleReadBack | undefined> {
  const wanted = new Map<number, string>();
  const floors: number[] = [];
  for (const o of outcomes) {
    const item = byId.get(o.outboxId)!;
    if (o.kind !== 'sent' || !isPersonItem(item) || item.row.clientId === null) continue;
    wanted.set(item.row.clientId, o.outboxId);
    floors.push(Math.min(...o.saved.map((s) => (s.rowVersion ?? 1) - 1)));
  }
  if (wanted.size === 0) return undefined;
  try {
    const deps = { mahak: ctx.mahak, pageSize: ctx.settings.pageSize };
    const rows = await lookupWhere(
      deps,
      'People',
      Math.max(0, Math.min(...floors)),
      (r) => wanted.has(Number(r.PersonClientId)),
      wanted.size,
    );
    const found = new Map<string, number | null>([...wanted.values()].map((id) => [id, null]));
    for (const r of rows)
      if (r.Deleted !== true) found.set(wanted.get(Number(r.PersonClientId))!, Number(r.PersonId));
    return found;
  } catch (error) {
    return { error };
  }
}

/**
 * Persons with an attempt never recorded (crash, lost answer) are read back by PersonClientId before
 * any resend, like orders (issue 8): a Mahak that takes a repeated PersonClientId as a new person would
 * otherwise get the customer twice. outboxId -> PersonId (null: not there).
 */
export async function readBackPeople(
  ctx: PushContext,
  items: readonly WorkItem[],
): Promise<Map<string, number | null>> {
  const wanted = new Map<number, string>();
  for (const i of items) if (i.row.clientId !== null) wanted.set(i.row.clientId, i.row.id);
  const found = new Map<string, number | null>(items.map((i) => [i.row.id, null]));
  if (wanted.size === 0) return found;
  const from = Math.max(0, Math.min(...items.map((i) => i.row.readbackFrom ?? 0)));
  const deps = { mahak: ctx.mahak, pageSize: ctx.settings.pageSize };
  const rows = await lookupWhere(deps, 'People', from, (r) => wanted.has(Number(r.PersonClientId)));
  for (const r of rows)
    if (r.Deleted !== true) found.set(wanted.get(Number(r.PersonClientId))!, Number(r.PersonId));
  return found;
}
