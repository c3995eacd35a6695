import type { DeadLetterLine, DeadLetterNote } from '../contracts/admin-dead-letters.js';
import type { DeadLetter } from '../store/storage.js';

type StoredLine = NonNullable<DeadLetter['history']>[number];

/**
 * A letter's history as the desk numbers it. Push letters number what the worker numbered when it wrote
 * the line (push-send.ts): the drawer's «تلاش n» then agrees with the attempt count the retry rules
 * used; every other line is a note. Queue and picture letters write one line per attempt, so their
 * lines are numbered in order as before.
 */
export function letterLines(letter: Pick<DeadLetter, 'source' | 'history'>): DeadLetterLine[] {
  const lines = letter.history ?? [];
  return lines.map((h, i) => {
    const at = new Date(h.at).toISOString();
    if (letter.source !== 'push') return { at, error: h.error, attempt: i + 1, note: null };
    if (h.attempt !== undefined && h.attempt > 0)
      return { at, error: h.error, attempt: h.attempt, note: null };
    return { at, error: h.error, attempt: null, note: noteOf(h) };
  });
}

/** Outcome names of core/push (push-verdicts.ts, push-send.ts, outbox-record.ts reopenRow). */
function noteOf(h: StoredLine): DeadLetterNote {
  const outcome = h.outcome ?? '';
  if (outcome === 'retried_from_dead_letter' || outcome.startsWith('resolved:')) return 'staff_retry';
  if (outcome.startsWith('in_doubt:') || outcome.startsWith('accepted:')) return 'readback';
  if (outcome === 'bystander' || outcome.startsWith('retry:')) return 'not_counted';
  return 'other';
}
