import { describe, expect, it } from 'vitest';
import { letterLines } from './dead-letter-lines.js';
import { sinceLastReset, type AttemptEntry } from './outbox-rows.js';

const at = (s: number) => Date.UTC(2026, 11, 7, 9, 0, s);

describe('letterLines', () => {
  it('numbers what the worker numbered and names the rest as notes', () => {
    const lines = letterLines({
      source: 'push',
      history: [
        { at: at(0), error: '', outcome: 'retried_from_dead_letter' },
        { at: at(1), error: 'محک نپذیرفت', outcome: 'bystander' },
        { at: at(2), error: 'ECONNRESET', outcome: 'transport', attempt: 1 },
        { at: at(3), error: '', outcome: 'in_doubt:not_visible_yet' },
        { at: at(4), error: 'محک نپذیرفت', outcome: 'failed', attempt: 2 },
      ],
    });
    expect(lines.map((l) => [l.attempt, l.note])).toEqual([
      [null, 'staff_retry'],
      [null, 'not_counted'],
      [1, null],
      [null, 'readback'],
      [2, null],
    ]);
    expect(lines[2]).toEqual({ at: '2026-12-07T09:00:02.000Z', error: 'ECONNRESET', attempt: 1, note: null });
  });

  it('keeps a push letter written before lines were numbered readable, numbering nothing it cannot know', () => {
    const lines = letterLines({
      source: 'push',
      history: [
        { at: at(0), error: 'in_doubt:readback_missing' },
        { at: at(1), error: 'rejected' },
      ],
    });
    expect(lines).toEqual([
      { at: '2026-12-07T09:00:00.000Z', error: 'in_doubt:readback_missing', attempt: null, note: 'other' },
      { at: '2026-12-07T09:00:01.000Z', error: 'rejected', attempt: null, note: 'other' },
    ]);
  });

  it('numbers queue and picture letters line by line: each of their lines is an attempt', () => {
    const lines = letterLines({
      source: 'queue',
      history: [
        { at: at(0), error: 'database was down' },
        { at: at(5), error: 'database was down' },
      ],
    });
    expect(lines.map((l) => l.attempt)).toEqual([1, 2]);
    expect(lines.map((l) => l.note)).toEqual([null, null]);
  });
});

describe('sinceLastReset', () => {
  const entry = (s: number, outcome: string, extra: Partial<AttemptEntry> = {}): AttemptEntry => ({
    at: at(s),
    outcome,
    ...extra,
  });

  it('starts at the last staff reopen, marked or (old rows) known by its outcome', () => {
    const old = [entry(0, 'failed'), entry(1, 'resolved:resend'), entry(2, 'failed', { attempt: 1 })];
    expect(sinceLastReset(old).map((e) => e.at)).toEqual([at(1), at(2)]);
    const marked = [...old, entry(3, 'retried_from_dead_letter', { reset: true }), entry(4, 'failed')];
    expect(sinceLastReset(marked).map((e) => e.at)).toEqual([at(3), at(4)]);
  });

  it('keeps everything when staff never reopened the row', () => {
    const h = [entry(0, 'bystander'), entry(1, 'failed', { attempt: 1 })];
    expect(sinceLastReset(h)).toEqual(h);
  });
});
