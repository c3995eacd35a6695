import type {
  DeadLetterFilter,
  DeadLetterList,
  DeadLetterListQuery,
  DeadLetterRetry,
  DeadLetterRetryAll,
  DeadLetterView,
} from '../contracts/admin-dead-letters.js';
import { HamgamError, toHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Queue } from '../queue/queue.js';
import {
  countDeadLetters,
  deadLetterGroups,
  deadLetterIds,
  findDeadLetters,
  type DeadLetterCriteria,
} from '../store/dead-letter-query.js';
import type { DeadLetter, Storage } from '../store/storage.js';
import { discardDeadPage } from '../sync/queue-dead-letters.js';
import { writeAudit } from './audit-repo.js';
import { letterLines } from './dead-letter-lines.js';
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
/** One retry-all call handles at most this many letters, so a request stays short; the answer says if more are left. */
const RETRY_ALL_MAX = 500;

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

  /** Newest first with filters and paging; `afterId` keeps the older oldest-first cursor walk. */
  async list(query: DeadLetterListQuery): Promise<DeadLetterList> {
    const db = this.deps.storage.db;
    const criteria = criteriaOf(query);
    const [page, groups, retryable] = await Promise.all([
      findDeadLetters(db, criteria, query),
      deadLetterGroups(db),
      countDeadLetters(db, { ...criteria, sources: [...retryableSources] }),
    ]);
    return { items: page.items.map(toView), total: page.total, retryable, groups };
  }

  async get(id: number): Promise<DeadLetterView> {
    return toView(await this.load(id));
  }

  /**
   * Every retryable letter matching the filter, oldest first, each through retry() (so each is audited
   * and put back exactly as a single retry would). A letter that cannot go back is reported, not
   * fatal: the rest still go. One summary row in the audit log names the filter and the outcome.
   */
  async retryAll(filter: DeadLetterFilter, actor: Actor): Promise<DeadLetterRetryAll> {
    const db = this.deps.storage.db;
    const criteria = criteriaOf(filter);
    const retryable = { ...criteria, sources: [...retryableSources] };
    const [matched, retryableCount] = await Promise.all([
      countDeadLetters(db, criteria),
      countDeadLetters(db, retryable),
    ]);
    const ids = await deadLetterIds(db, retryable, 0, RETRY_ALL_MAX + 1);
    const more = ids.length > RETRY_ALL_MAX;
    const skipped = matched - retryableCount;
    const out: DeadLetterRetryAll = { matched, retried: [], failed: [], skipped, more };
    for (const id of ids.slice(0, RETRY_ALL_MAX)) {
      try {
        out.retried.push(await this.retry(id, actor));
      } catch (e) {
        const err = toHamgamError(e);
        if (err.code === 'INTERNAL')
          this.deps.logger.error({ err: e, deadLetterId: id }, 'retry-all: retry failed');
        const body = err.toBody().error;
        out.failed.push({ id, code: body.code, message: body.message, messageFa: body.messageFa });
      }
    }
    await writeAudit(db, {
      actor: actor.id,
      action: 'dead_letter.retry_all',
      targetType: 'dead_letter',
      targetId: '*',
      before: { filter, matched },
      after: { retried: out.retried.map((r) => r.id), failed: out.failed.map((f) => f.id), more },
      at: this.now(),
    });
    return out;
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
      // A discarded pulled page no longer holds its entity's checkpoint back (pull-frontier.ts).
      if (letter.source === 'queue') await discardDeadPage(this.deps.storage, letter.kind, letter.payload);
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

function criteriaOf(f: DeadLetterFilter): DeadLetterCriteria {
  return {
    ...(f.source ? { source: f.source } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.from ? { fromMs: Date.parse(f.from) } : {}),
    ...(f.to ? { toMs: Date.parse(f.to) } : {}),
    ...(f.q ? { text: f.q } : {}),
  };
}

function toView(l: DeadLetter): DeadLetterView {
  return {
    id: l.id,
    source: l.source,
    kind: l.kind,
    reason: l.reason,
    attempts: l.attempts,
    history: letterLines(l),
    payload: l.payload,
    retryable: retryableSources.has(l.source),
    createdAt: new Date(l.createdAt).toISOString(),
  };
}
