import { classifyTransportFailure, type TransportClass } from '../domain/failure-classification.js';
import { afterFailure, type PushContext } from './push-context.js';
import type { Decision } from './push-decisions.js';
import type { WorkItem } from './push-items.js';

/** A body cut short is the network's fault, not the order's (the client reports it as MAHAK_BAD_RESPONSE). */
export function transportClass(e: unknown): TransportClass {
  const err = e as { code?: unknown; details?: { kind?: unknown } };
  if (err?.code === 'MAHAK_BAD_RESPONSE' && err.details?.kind === 'bad-json') return 'transient';
  return classifyTransportFailure(e);
}

export function transportDecision(ctx: PushContext, item: WorkItem, e: unknown): Decision {
  const error = e instanceof Error ? e.message : String(e);
  // The request may have reached Mahak before it failed: read back before any resend.
  return afterFailure(
    ctx,
    item,
    transportClass(e),
    { at: ctx.now(), outcome: 'transport', error },
    { keepInDoubt: true },
  );
}
