import { describe, expect, it } from 'vitest';
import { advanceCursor, checkPage, chunkPage, fallBack, startCursor } from './pull-paging.js';

const base = 4_294_967_296 + 10; // RowVersions above 2^32 are normal for Mahak

describe('pull paging', () => {
  it('starts where it is told (never below zero) and keeps the stored checkpoint', () => {
    expect(startCursor(undefined, 100)).toMatchObject({ from: 0, checkpoint: 0, mode: 'paged' });
    expect(startCursor(base - 1000, 100, { checkpoint: base })).toMatchObject({
      from: base - 1000,
      checkpoint: base,
    });
    expect(startCursor(-500, 100).from).toBe(0);
  });

  it('does not trust a short page to be the last: Mahak may cap pages below our pageSize', () => {
    const c = advanceCursor(startCursor(base, 5, { checkpoint: base }), [base + 2, base + 4]);
    expect(c).toMatchObject({ done: false, from: base + 3, checkpoint: base + 3 });
  });

  it('finishes once a response brings nothing beyond the re-read boundary, at the highest RowVersion seen', () => {
    const c = advanceCursor(startCursor(base + 3, 5, { checkpoint: base + 3 }), [base + 4]);
    expect(c).toMatchObject({ done: true, checkpoint: base + 4 });
    expect(advanceCursor(startCursor(base, 5, { checkpoint: base }), [])).toMatchObject({
      done: true,
      checkpoint: base,
    });
  });

  it('never lowers the checkpoint when the window re-reads older rows', () => {
    const c = advanceCursor(startCursor(base - 100, 100, { checkpoint: base }), [base - 50]);
    expect(c.checkpoint).toBe(base);
  });

  it('re-reads the last RowVersion of a page so equal versions across the boundary are not lost', () => {
    const c = advanceCursor(startCursor(0, 3), [base + 1, base + 2, base + 2]);
    expect(c).toMatchObject({ from: base + 1, checkpoint: base + 1, done: false, pageSize: 3 });
  });

  it('doubles the page size when a full page cannot move the cursor, and stops with a clear error', () => {
    const first = startCursor(base, 2, { checkpoint: base });
    expect(advanceCursor(first, [base + 1, base + 1])).toMatchObject({ from: base, pageSize: 4 });
    expect(() =>
      advanceCursor({ ...first, pageSize: 8 }, Array(8).fill(base + 1), { maxPageSize: 8 }),
    ).toThrow(expect.objectContaining({ code: 'PULL_ROWVERSION_TIE' }));
  });

  it('checks the paging contract: above the cursor, ascending, at most pageSize', () => {
    const c = startCursor(base, 3);
    expect(checkPage(c, [base, base + 1, base + 2])).toEqual([]); // `>=` is tolerated
    expect(checkPage(c, [base - 5, base + 1])).toEqual(['belowCursor']);
    expect(checkPage(c, [base + 2, base + 1])).toEqual(['unsorted']);
    expect(checkPage(c, [base + 1, base + 2, base + 3, base + 4])).toEqual(['overPageSize']);
    expect(checkPage(fallBack(c), [base + 9, base - 5, base + 1, base + 2])).toEqual([]);
  });

  it('splits a response into pages whose checkpoints never cut through rows sharing a RowVersion', () => {
    const rows = [1, 2, 2, 3, 4].map((v) => ({ RowVersion: base + v }));
    const chunks = chunkPage(rows, 2, base + 3);
    expect(chunks.map((c) => c.rows.length)).toEqual([2, 2, 1]);
    expect(chunks.map((c) => c.checkpoint)).toEqual([base + 1, base + 3, base + 3]);
  });
});
