import { describe, expect, it } from 'vitest';
import type { PullPage } from '../../core/store/storage.js';
import type { ContractContext } from './storage-contract.js';

/** One entity's chained pages of one run (prevSeq), as the fetcher publishes them. */
const chained = (seq: number, checkpoint: number, records: PullPage['records'] = []): PullPage => ({
  runId: 'run-t',
  seq,
  prevSeq: seq - 1,
  entity: 'Products',
  checkpoint,
  records,
});

/** Issue 8: checkpoints over contiguous pages, the window's history, quarantine, one letter per record. */
export function trustContract(ctx: ContractContext): void {
  describe('checkpoints a failed page cannot overtake', () => {
    const storage = () => ctx.storage();
    const checkpoint = async () => (await storage().getCheckpoints()).Products;

    it('moves the checkpoint only over a contiguous run of applied pages', async () => {
      await storage().applyPullPage(chained(0, 100));
      await storage().applyPullPage(chained(2, 300));
      await storage().applyPullPage(chained(3, 400));
      expect(await checkpoint()).toBe(100);
      // The missing page arrives (a retry): the frontier runs on over the pages applied behind it.
      await storage().applyPullPage(chained(1, 200));
      expect(await checkpoint()).toBe(400);
    });

    it('holds it behind a dead-lettered page until staff discard the page', async () => {
      await storage().applyPullPage(chained(0, 100));
      await storage().markPullPageDead(chained(1, 200));
      await storage().applyPullPage(chained(2, 300));
      expect(await checkpoint()).toBe(100);
      expect(await storage().countAppliedPages('run-t')).toBe(3);
      expect(await storage().deadPullPages('run-t')).toEqual([
        { entity: 'Products', seq: 1, checkpoint: 200 },
      ]);
      await storage().discardPullPage(chained(1, 200));
      expect(await checkpoint()).toBe(300);
      expect(await storage().deadPullPages('run-t')).toEqual([]);
    });

    it('lets a dead-lettered page that staff retried be applied after all', async () => {
      await storage().applyPullPage(chained(0, 100));
      await storage().markPullPageDead(chained(1, 200));
      const records = [{ ProductId: 4, Name: 'دفتر', RowVersion: 150 }];
      expect(await storage().applyPullPage(chained(1, 200, records))).toMatchObject({
        duplicate: false,
        changed: 1,
      });
      expect(await checkpoint()).toBe(200);
      // A dead mark arriving late never downgrades an applied page.
      await storage().markPullPageDead(chained(1, 200));
      expect(await storage().deadPullPages('run-t')).toEqual([]);
    });

    it('remembers where each checkpoint stood and when', async () => {
      const at = Date.now();
      await storage().applyPullPage(chained(0, 100));
      const later = (await storage().checkpointsAsOf(at + 60_000)).Products;
      expect(later).toBe(100);
      expect((await storage().checkpointsAsOf(at - 60_000)).Products).toBeUndefined();
    });
  });

  describe('quarantine and one dead letter per bad record', () => {
    const storage = () => ctx.storage();

    it('quarantines an invalid record and applies the rest when asked to', async () => {
      const records = [
        { ProductId: 1, Name: 'سالم', RowVersion: 1 },
        { ProductId: 'x', RowVersion: 2 },
      ];
      const result = await storage().applyPullPage(chained(0, 2, records), { quarantineInvalid: true });
      expect(result).toMatchObject({ changed: 1, quarantined: 1 });
      const letters = await storage().listDeadLetters();
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ source: 'pull', kind: 'Products', payload: { ProductId: 'x' } });
      // The same record re-read by the next run's window is the same letter.
      await storage().applyPullPage(
        { ...chained(0, 2, records), runId: 'run-u' },
        { quarantineInvalid: true },
      );
      expect(await storage().listDeadLetters()).toHaveLength(1);
    });

    it('keeps one letter per dedupe key, and a discarded one stays discarded', async () => {
      const letter = { source: 'pull', kind: 'People', payload: { PersonId: 3 }, reason: 'bad', attempts: 1 };
      const a = await storage().addDeadLetter({ ...letter, dedupeKey: 'pull:People:3:77' });
      const b = await storage().addDeadLetter({ ...letter, dedupeKey: 'pull:People:3:77' });
      expect(b).toBe(a);
      await storage().addDeadLetter(letter);
      await storage().addDeadLetter(letter);
      expect(await storage().listDeadLetters()).toHaveLength(3);
      await storage().deleteDeadLetter(a);
      expect(await storage().addDeadLetter({ ...letter, dedupeKey: 'pull:People:3:77' })).toBe(0);
      expect(await storage().listDeadLetters()).toHaveLength(2);
    });
  });
}
