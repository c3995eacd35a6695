import { describe, expect, it } from 'vitest';
import { advanceCursor, startCursor } from './pull-paging.js';

const base = 4_294_967_296 + 10; // RowVersions above 2^32 are normal for Mahak

describe('pull paging', () => {
  it('starts from zero without a checkpoint and overlap below one', () => {
    expect(startCursor(undefined, 1000, 100)).toMatchObject({ from: 0, maxSeen: 0 });
    expect(startCursor(base, 1000, 100)).toMatchObject({ from: base - 1000, maxSeen: base });
    expect(startCursor(500, 1000, 100).from).toBe(0);
  });

  it('finishes an entity on a short page and keeps the highest RowVersion seen', () => {
    const c = advanceCursor(startCursor(base, 5, 3), [base - 2, base + 4]);
    expect(c).toMatchObject({ done: true, maxSeen: base + 4 });
  });

  it('never lowers maxSeen when the overlap re-reads older rows', () => {
    const c = advanceCursor(startCursor(base, 100, 10), [base - 50]);
    expect(c.maxSeen).toBe(base);
  });

  it('re-reads the last RowVersion of a full page so equal versions across the boundary are not lost', () => {
    const c = advanceCursor(startCursor(undefined, 0, 3), [base + 1, base + 2, base + 2]);
    expect(c).toMatchObject({ from: base + 1, done: false, pageSize: 3 });
  });

  it('doubles the page size when a full page cannot move the cursor', () => {
    const first = { from: base, pageSize: 2, maxSeen: base, done: false };
    const c = advanceCursor(first, [base + 1, base + 1]);
    expect(c).toMatchObject({ from: base, pageSize: 4, done: false });
  });
});
