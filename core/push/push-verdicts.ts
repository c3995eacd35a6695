import type { ReadBackVerdict } from '../domain/push-readback.js';
import { postedRowVersion } from './push-confirm.js';
import { afterFailure, type PushContext } from './push-context.js';
import type { Decision } from './push-decisions.js';
import type { OrderItem, WorkItem } from './push-items.js';
import type { PeopleReadBack } from './push-confirm-people.js';
import { transportDecision } from './push-transport.js';

/**
 * A read-back verdict turned into a decision. `how` says why we read back:
 * - 'sent': Mahak answered Result:true; `missing` then is a phantom save (API.md §4.3): resend;
 * - 'already_sent': Mahak said the OrderClientId is registered; `missing` means it is not visible yet;
 * - 'in_doubt': an earlier attempt was never recorded (crash, lost answer); `missing` means send it.
 * In every case `posted` is the invoice we meant (never a second one) and `mismatch` is a dispute.
 */
export function verdictDecision(
  ctx: PushContext,
  item: OrderItem,
  verdict: ReadBackVerdict | undefined,
  how: 'sent' | 'already_sent' | 'in_doubt',
): Decision {
  const at = ctx.now();
  if (!verdict) {
    return afterFailure(
      ctx,
      item,
      'unknown',
      { at, outcome: `${how}:unverified`, error: 'order could not be read back' },
      {
        keepInDoubt: true,
      },
    );
  }
  switch (verdict.status) {
    case 'posted':
      return {
        kind: 'sent',
        item,
        entry: { at, outcome: how === 'sent' ? 'sent' : `${how}:posted` },
        serverId: verdict.orderServerId,
        inMahak: { mahakOrderId: verdict.orderServerId, rowVersion: postedRowVersion(verdict) },
      };
    case 'missing':
      // Not visible in Mahak. Kept "in doubt": a late commit may still surface, so the next attempt
      // reads back first again; the stable OrderClientId makes a resend safe either way.
      return afterFailure(
        ctx,
        item,
        'transient',
        { at, outcome: `${how}:readback_missing`, error: 'order not found in Mahak after save' },
        {
          keepInDoubt: true,
        },
      );
    case 'mismatch':
      return {
        kind: 'dispute',
        item,
        entry: { at, outcome: 'dispute', error: 'readback_mismatch' },
        reason: 'readback_mismatch',
        errors: [],
        keepInDoubt: true,
        orderServerId: verdict.orderServerId,
        mahakCurrent: { differences: verdict.differences },
      };
  }
}

/** A saved person, confirmed by its read-back (push-confirm-people.ts). */
export function personDecision(
  ctx: PushContext,
  item: WorkItem,
  people: PeopleReadBack | undefined,
): Decision {
  const at = ctx.now();
  if (people && 'error' in people) return transportDecision(ctx, item, people.error);
  const personId = people?.get(item.row.id) ?? null;
  if (personId !== null) return { kind: 'sent', item, entry: { at, outcome: 'sent' }, serverId: personId };
  // Resending a person is safe: Mahak updates the one its PersonClientId already names (API.md §4.2).
  return afterFailure(
    ctx,
    item,
    'transient',
    { at, outcome: 'sent:readback_missing', error: 'person not found in Mahak after save' },
    {
      keepInDoubt: true,
    },
  );
}
