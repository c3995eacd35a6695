import { describe, expect, it } from 'vitest';
import type { EntityProgress, RunProgress } from '../../../core/contracts/admin-sync';
import { isRunning, reduceSyncStream } from './sync-progress-state';

const entity = (name: EntityProgress['entity'], read: number): EntityProgress => ({
  entity: name,
  read,
  applied: read,
  changed: read,
  pagesRead: 1,
  pagesApplied: 1,
  quarantined: 0,
});
const run = (over: Partial<RunProgress> = {}): RunProgress => ({
  runId: 'r1',
  scope: { kind: 'all' },
  phase: 'fetching',
  startedAt: '2025-03-21T08:00:00.000Z',
  finishedAt: null,
  entities: [entity('Products', 10)],
  totals: { read: 10, applied: 10, changed: 10, pagesRead: 1, pagesApplied: 1 },
  ratePerSecond: 5,
  fraction: 0.2,
  pictures: null,
  error: null,
  ...over,
});
const delta = (runId: string, entities: EntityProgress[]) =>
  ({
    type: 'progress',
    runId,
    phase: 'fetching',
    entities,
    totals: { read: 30, applied: 20, changed: 20, pagesRead: 3, pagesApplied: 2 },
    ratePerSecond: 7,
    fraction: 0.4,
    pictures: null,
  }) as const;

describe('reduceSyncStream', () => {
  it('a snapshot or finished event replaces the run', () => {
    expect(reduceSyncStream(run(), { type: 'snapshot', run: null })).toBeNull();
    const done = run({ phase: 'done', fraction: 1 });
    expect(reduceSyncStream(run(), { type: 'finished', run: done })).toBe(done);
  });

  it('a delta updates the entities that moved, keeps the others, in pull order', () => {
    const next = reduceSyncStream(run(), delta('r1', [entity('Stores', 3), entity('Products', 20)]))!;
    expect(next.entities.map((e) => [e.entity, e.read])).toEqual([
      ['Stores', 3],
      ['Products', 20],
    ]);
    expect(next).toMatchObject({ fraction: 0.4, ratePerSecond: 7, totals: { read: 30 } });
  });

  it('ignores a delta of a run it has no snapshot of', () => {
    const current = run();
    expect(reduceSyncStream(current, delta('other', [entity('Stores', 3)]))).toBe(current);
    expect(reduceSyncStream(null, delta('r1', []))).toBeNull();
  });

  it('a run is running until it is done or failed', () => {
    expect(isRunning(run())).toBe(true);
    expect(isRunning(run({ phase: 'done' }))).toBe(false);
    expect(isRunning(run({ phase: 'failed' }))).toBe(false);
    expect(isRunning(null)).toBe(false);
  });
});
