import type { DeadLetterSink } from '../queue/queue.js';
import type { Storage } from '../store/storage.js';
import { pullPageMessage, pullPagesTopic } from './pull-page-message.js';

/**
 * Where the queue puts what it gave up on: the dead-letter store the desk shows (invariant 6). One
 * letter per message however often the queue hands it over (its id is the dedupe key). A pulled page
 * is also marked dead in the same transaction: the run counts it as settled but its entity's
 * checkpoint stays behind it until staff retry or discard the letter (pull-frontier.ts).
 */
export function storeDeadLetterSink(storage: Storage): DeadLetterSink {
  return async (letter) => {
    await storage.db.transaction(async () => {
      await storage.addDeadLetter({
        source: 'queue',
        kind: letter.topic,
        payload: letter.message,
        reason: letter.history.at(-1)?.error ?? 'unknown',
        attempts: letter.attempts,
        history: letter.history,
        ...(letter.id ? { dedupeKey: `queue:${letter.topic}:${letter.id}` } : {}),
      });
      if (letter.topic !== pullPagesTopic) return;
      const page = pullPageMessage.safeParse(letter.message);
      if (page.success) await storage.markPullPageDead(page.data);
    });
  };
}

/** Staff discarded a dead-lettered pulled page: its entity's checkpoint may move over it now. */
export async function discardDeadPage(storage: Storage, topic: string, payload: unknown): Promise<void> {
  if (topic !== pullPagesTopic) return;
  const page = pullPageMessage.safeParse(payload);
  if (page.success) await storage.discardPullPage(page.data);
}
