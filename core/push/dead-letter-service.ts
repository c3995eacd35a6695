import type { DeadLetterRetry, DeadLetterView } from '../contracts/admin.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import type { DeadLetter, Storage } from '../store/storage.js';
import { writeAudit } from './audit-repo.js';
import type { Actor } from './dispute-service.js';
import { getOutboxRow } from './outbox-lease.js';
import { reopenRow } from './outbox-record.js';
import { setOrderSyncStatus } from './order-sync-status.js';

export interface DeadLetterServiceDeps {
  storage: Storage;
  queue: Queue;
  logger: Logger;
  nudge?: () => void;
  now?: () => number;
}

const retryableSources = new Set(['push', 'queue', 'pictures']);

/**
 * Retry or discard dead letters (invariant 6: visible, with retry / discard). Retry puts the thing back
 * where it came from: a push item back in the outbox (attempts from 0; still read back first if it was
 * possibly sent), a queued message (e.g. a pull page) back on its topic, a picture back in line for
 * the next picture sync. Quarantined pull records ('pull') are Mahak's data: fixed there, they come
 * again with a new RowVersion, so they can only be discarded. Both actions are audited.
 */
export class DeadLetterService {
  private readonly now: () => number;

  constructor(private readonly deps: DeadLetterServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async list(query: { limit: number; afterId?: number }): Promise<DeadLetterView[]> {
    return (await this.deps.storage.listDeadLetters(query)).map(toView);
  }

  async retry(id: number, actor: Actor): Promise<DeadLetterRetry> {
    const letter = await this.load(id);
    if (!retryableSources.has(letter.source)) {
      throw new HamgamError('CONFLICT', `A ${letter.source} dead letter cannot be retried, only discarded`, {
        id,
        source: letter.source,
      });
    }
    // A queue message is published before the letter goes: a crash in between repeats it, and the
    // consumers are idempotent (invariant 3); the other way round could lose it.
    if (letter.source === 'queue') await this.deps.queue.publish(letter.kind, letter.payload);
    const result = await this.deps.storage.db.transaction(async (tx) => {
      const target =
        letter.source === 'push' ? await this.reopenPush(letter) : await this.requeueOther(letter);
      if (!(await this.deps.storage.deleteDeadLetter(id)))
        throw new HamgamError('CONFLICT', 'The dead letter was handled meanwhile', { id });
      await writeAudit(tx, {
        actor: actor.id,
        action: 'dead_letter.retry',
        targetType: 'dead_letter',
        targetId: String(id),
        before: letter,
        after: target,
        at: this.now(),
      });
      return target;
    });
    this.deps.logger.info({ deadLetterId: id, by: actor.id, ...result }, 'dead letter retried');
    if (letter.source === 'push') this.deps.nudge?.();
    return { id, ...result };
  }

  async discard(id: number, actor: Actor): Promise<void> {
    const letter = await this.load(id);
    await this.deps.storage.db.transaction(async (tx) => {
      if (!(await this.deps.storage.deleteDeadLetter(id)))
        throw new HamgamError('NOT_FOUND', `Dead letter ${id} not found`, { resource: 'dead_letter', id });
      await writeAudit(tx, {
        actor: actor.id,
        action: 'dead_letter.discard',
        targetType: 'dead_letter',
        targetId: String(id),
        before: letter,
        after: null,
        at: this.now(),
      });
    });
    this.deps.logger.info({ deadLetterId: id, by: actor.id, source: letter.source }, 'dead letter discarded');
  }

  private async load(id: number): Promise<DeadLetter> {
    const letter = await this.deps.storage.getDeadLetter(id);
    if (!letter)
      throw new HamgamError('NOT_FOUND', `Dead letter ${id} not found`, { resource: 'dead_letter', id });
    return letter;
  }

  private async reopenPush(letter: DeadLetter): Promise<Omit<DeadLetterRetry, 'id'>> {
    const outboxId = String((letter.payload as { outboxId?: unknown } | null)?.outboxId ?? '');
    const db = this.deps.storage.db;
    const row = outboxId ? await getOutboxRow(db, outboxId) : undefined;
    if (!row) throw new HamgamError('NOT_FOUND', 'The outbox item of this dead letter is gone', { outboxId });
    if (row.state !== 'dead')
      throw new HamgamError('CONFLICT', `The outbox item is ${row.state}, not dead`, {
        outboxId,
        state: row.state,
      });
    const now = this.now();
    await reopenRow(db, row, { now, entry: { at: now, outcome: 'retried_from_dead_letter' } });
    if (row.orderId) await setOrderSyncStatus(db, row.orderId, 'pending', now);
    return { requeuedTo: 'outbox', target: row.id };
  }

  private async requeueOther(letter: DeadLetter): Promise<Omit<DeadLetterRetry, 'id'>> {
    if (letter.source === 'queue') return { requeuedTo: 'queue', target: letter.kind };
    const pictureId = Number((letter.payload as { pictureId?: unknown } | null)?.pictureId);
    // Without its failure row the picture is pending again for the next picture sync (picture-sync.ts).
    await this.deps.storage.db.run('DELETE FROM picture_downloads WHERE picture_id = ?', [pictureId]);
    return { requeuedTo: 'pictures', target: String(pictureId) };
  }
}

function toView(l: DeadLetter): DeadLetterView {
  return {
    id: l.id,
    source: l.source,
    kind: l.kind,
    reason: l.reason,
    attempts: l.attempts,
    history: (l.history ?? []).map((h) => ({ at: new Date(h.at).toISOString(), error: h.error })),
    payload: l.payload,
    retryable: retryableSources.has(l.source),
    createdAt: new Date(l.createdAt).toISOString(),
  };
}
