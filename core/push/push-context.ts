import type { PushPayload } from '../contracts/orders.js';
import type { PushMappingConfig } from '../domain/order-mapping.js';
import { decideAfterFailure, type TransportClass } from '../domain/failure-classification.js';
import type { Logger } from '../logging/logger.js';
import type { Storage } from '../store/storage.js';
import type { AttemptEntry } from './outbox-rows.js';
import type { Decision } from './push-decisions.js';
import type { WorkItem } from './push-items.js';
import type { PushMahak } from './push-ports.js';
import type { PushSettings } from './push-settings.js';

/** Everything one push run needs; built by push-worker.ts once per run. */
export interface PushContext {
  storage: Storage;
  mahak: PushMahak;
  settings: PushSettings;
  cfg: PushMappingConfig;
  /** Lease owner: this worker. */
  owner: string;
  logger: Logger;
  now(): number;
  /** Jitter source for the backoff. */
  random(): number;
  /** Renews and checks this worker's push lock; false: another worker holds it (push-worker.ts). */
  holdsLock?: () => Promise<boolean>;
  /**
   * Mahak's bank for cheques could not be chosen (missing or ambiguous): items that need it wait
   * (push-round.ts), the rest go. cfg.bankId is not to be used then.
   */
  bankMissing?: boolean;
  /** Mahak's current records for a dispute (dispute-capture.ts); absent in tests that do not need it. */
  capture?: (decision: Decision & { kind: 'dispute' }) => Promise<unknown>;
}

/** The failure policy (core/domain/failure-classification.ts) turned into a decision for one item. */
export function afterFailure(
  ctx: PushContext,
  item: WorkItem,
  kind: TransportClass,
  entry: AttemptEntry,
  extra: { keepInDoubt: boolean; payload?: PushPayload },
): Decision {
  const policy = ctx.settings.failurePolicy;
  const verdict = decideAfterFailure(kind, item.row.attempts, {
    ...policy,
    backoff: { ...policy.backoff, jitter: ctx.random },
  });
  if (verdict.action === 'dead_letter')
    return { kind: 'dead', item, entry, reason: `${verdict.reason}: ${entry.error ?? entry.outcome}` };
  return { kind: 'retry', item, entry, delayMs: verdict.delayMs, ...extra };
}
