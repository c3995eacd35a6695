import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  maxLogLines,
  newRunState,
  toProgressView,
  updateFraction,
} from './run-progress-state.js';

const runId = 'run-1';
const fetched = (entity: 'Products' | 'Stores', seq: number, records = 20, quarantined = 0) =>
  ({ type: 'page-fetched', runId, entity, records, quarantined, seq }) as const;
const applied = (entity: 'Products' | 'Stores', seq: number, records = 20, changed = records) =>
  ({ type: 'page-applied', runId, entity, records, changed, seq }) as const;

describe('run progress state', () => {
  it('counts read and applied records per entity, each page once even when the queue redelivers it', () => {
    const s = newRunState(runId, undefined, 0);
    applyEvent(s, fetched('Products', 0), 1);
    applyEvent(s, applied('Products', 0), 2);
    applyEvent(s, applied('Products', 0, 20, 0), 3); // redelivery
    applyEvent(s, fetched('Products', 1, 5), 4);
    expect(s.entities.get('Products')).toMatchObject({
      read: 25,
      applied: 20,
      changed: 20,
      pagesRead: 2,
      pagesApplied: 1,
    });
  });

  it('ignores events of other runs and says which entity moved', () => {
    const s = newRunState(runId, undefined, 0);
    expect(applyEvent(s, { ...fetched('Stores', 0), runId: 'other' }, 1)).toBe(false);
    expect(applyEvent(s, fetched('Stores', 0), 1)).toBe('Stores');
    expect(s.phase).toBe('fetching');
  });

  it('the bar only moves forward, stays below 1 until the run is done, and reaches 1 then', () => {
    const s = newRunState(runId, ['Products'], 0);
    expect(s.scope).toEqual({ kind: 'entity', entity: 'Products' });
    const seen: number[] = [];
    applyEvent(s, fetched('Products', 0), 1);
    seen.push(updateFraction(s));
    applyEvent(s, applied('Products', 0), 2);
    seen.push(updateFraction(s));
    applyEvent(s, fetched('Products', 1), 3); // more to apply: the computed share drops, the bar does not
    seen.push(updateFraction(s));
    applyEvent(s, { type: 'entity-fetched', runId, entity: 'Products', records: 40 }, 4);
    applyEvent(s, applied('Products', 1), 5);
    seen.push(updateFraction(s));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBeLessThan(1);
    applyEvent(s, { type: 'run-finished', runId, kind: 'pull', status: 'ok', stats: {} }, 6);
    expect(toProgressView(s, 6)).toMatchObject({
      phase: 'done',
      fraction: 1,
      finishedAt: new Date(6).toISOString(),
    });
  });

  it('a failed run carries the translated error and ends its log with it', () => {
    const s = newRunState(runId, undefined, 0);
    applyEvent(
      s,
      {
        type: 'run-finished',
        runId,
        kind: 'pull',
        status: 'failed',
        stats: {},
        error: 'Mahak GetAllData: Mahak connection failed: ECONNREFUSED',
        errorCode: 'MAHAK_UNAVAILABLE',
        errorDetails: { kind: 'network' },
      },
      1000,
    );
    const view = toProgressView(s, 1000);
    expect(view.phase).toBe('failed');
    expect(view.error).toMatchObject({ kind: 'mahak_unreachable' });
    expect(s.log.at(-1)).toMatchObject({
      level: 'error',
      event: 'run_failed',
      data: { kind: 'mahak_unreachable' },
    });
  });

  it('keeps the log bounded but always keeps the outcome line', () => {
    const s = newRunState(runId, undefined, 0);
    for (let i = 0; i < maxLogLines + 50; i++) applyEvent(s, fetched('Products', i, 20, 1), i);
    expect(s.log).toHaveLength(maxLogLines);
    applyEvent(s, { type: 'run-finished', runId, kind: 'pull', status: 'ok', stats: {} }, 999);
    expect(s.log).toHaveLength(maxLogLines);
    expect(s.logTruncated).toBe(true);
    expect(s.log.at(-1)?.event).toBe('run_finished');
  });
});

describe('the contract’s entity list', () => {
  it('is the engine’s pulled entities, in pull order', async () => {
    const { syncEntityNames } = await import('../contracts/admin-sync.js');
    const { pulledEntityNames } = await import('../contracts/mahak-wire.js');
    expect([...syncEntityNames]).toEqual(pulledEntityNames);
  });
});
