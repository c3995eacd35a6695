import { describe, expect, it } from 'vitest';
import type { ContractContext } from './storage-contract.js';

export function recordsContract(ctx: ContractContext): void {
  describe('dead letters and runs', () => {
    const storage = () => ctx.storage();

    it('adds, lists, gets and deletes dead letters with their payload and history', async () => {
      const payload = { entity: 'People', record: { PersonId: 9, FirstName: 'علي', Mobile: '۰۹۱۲۱۲۳۴۵۶۷' } };
      const history = [
        { at: 1_700_000_000_000, error: 'MAHAK_UNAVAILABLE' },
        { at: 1_700_000_060_000, error: 'اعتبارسنجی ناموفق' },
      ];
      const a = await storage().addDeadLetter({
        source: 'pull',
        kind: 'People',
        payload,
        reason: 'VALIDATION_FAILED',
        attempts: 2,
        history,
      });
      const b = await storage().addDeadLetter({
        source: 'push',
        kind: 'order',
        payload: 'متن',
        reason: 'poison',
        attempts: 5,
      });
      const c = await storage().addDeadLetter({
        source: 'queue',
        kind: 'pull-pages',
        payload: null,
        reason: 'x',
        attempts: 1,
      });
      expect(b).toBeGreaterThan(a);
      const all = await storage().listDeadLetters();
      expect(all.map((d) => d.id)).toEqual([a, b, c]);
      expect(all[0]).toEqual({
        id: a,
        source: 'pull',
        kind: 'People',
        payload,
        reason: 'VALIDATION_FAILED',
        attempts: 2,
        history,
        createdAt: expect.any(Number),
      });
      expect(all[1]).toMatchObject({ payload: 'متن', history: [] });
      expect(all[2].payload).toBeNull();
      expect((await storage().listDeadLetters({ afterId: a, limit: 1 })).map((d) => d.id)).toEqual([b]);
      expect(await storage().getDeadLetter(b)).toMatchObject({ id: b, kind: 'order' });
      expect(await storage().deleteDeadLetter(b)).toBe(true);
      expect(await storage().deleteDeadLetter(b)).toBe(false);
      expect(await storage().getDeadLetter(b)).toBeUndefined();
      expect((await storage().listDeadLetters()).map((d) => d.id)).toEqual([a, c]);
    });

    it('records a run when it starts and again when it ends; lists the newest first', async () => {
      await storage().recordRun({ id: 'r1', kind: 'pull', startedAt: 1000, status: 'running', stats: {} });
      await storage().recordRun({ id: 'r2', kind: 'push', startedAt: 2000, status: 'running', stats: {} });
      await storage().recordRun({
        id: 'r1',
        kind: 'pull',
        startedAt: 1000,
        finishedAt: 1500,
        status: 'failed',
        stats: { Products: { pages: 3, changed: 120 } },
        error: 'MAHAK_UNAVAILABLE: سرور محک در دسترس نیست',
      });
      const runs = await storage().listRuns(10);
      expect(runs).toEqual([
        { id: 'r2', kind: 'push', startedAt: 2000, status: 'running', stats: {} },
        {
          id: 'r1',
          kind: 'pull',
          startedAt: 1000,
          finishedAt: 1500,
          status: 'failed',
          stats: { Products: { pages: 3, changed: 120 } },
          error: 'MAHAK_UNAVAILABLE: سرور محک در دسترس نیست',
        },
      ]);
      expect(await storage().listRuns(1)).toHaveLength(1);
    });

    it('answers ping', async () => {
      await expect(storage().ping()).resolves.toBeUndefined();
    });
  });
}
