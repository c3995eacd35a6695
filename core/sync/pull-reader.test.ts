import { describe, expect, it } from 'vitest';
import type { Logger } from '../logging/logger.js';
import { PagingMonitor, readPaged } from './pull-reader.js';
import { startCursor } from './pull-paging.js';

function recordingLogger(lines: unknown[]): Logger {
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (fields) => void lines.push(fields),
    error: () => {},
    child: () => logger,
  };
  return logger;
}

describe('PagingMonitor', () => {
  it('logs each breach of a collection once and keeps it unpaged afterwards', () => {
    const lines: unknown[] = [];
    const monitor = new PagingMonitor();
    const log = recordingLogger(lines);
    expect(monitor.mode('Products')).toBe('paged');
    monitor.report('Products', ['unsorted'], log);
    monitor.report('Products', ['unsorted'], log);
    monitor.report('Products', ['unsorted', 'overPageSize'], log);
    expect(monitor.mode('Products')).toBe('unpaged');
    expect(monitor.mode('People')).toBe('paged');
    expect(lines).toHaveLength(2);
    expect(monitor.fallbacks()).toEqual({ Products: ['unsorted', 'overPageSize'] });
  });
});

describe('readPaged', () => {
  it('re-reads a page that broke the contract without pageSize, and sorts what comes back', async () => {
    const rows = [5, 3, 4, 1, 2].map((v) => ({ ProductId: v, RowVersion: 100 + v }));
    const requests: { from?: number; pageSize?: number }[] = [];
    const source = {
      getAllData: async (req: { cursors: Partial<Record<string, number>>; pageSize?: number }) => {
        const from = req.cursors.Products ?? 0;
        requests.push({ from, pageSize: req.pageSize });
        // A server that ignores the order and the page size.
        return { records: { Products: rows.filter((r) => r.RowVersion > from) }, quarantined: [] };
      },
    };
    const seen: number[][] = [];
    const cursors = new Map([['Products', startCursor(0, 2)]]);
    const monitor = new PagingMonitor();
    await readPaged({ source, logger: recordingLogger([]), monitor }, cursors, async (page) => {
      seen.push(page.rows.map((r) => Number(r.RowVersion)));
    });
    expect(requests[0]).toEqual({ from: 0, pageSize: 2 });
    expect(requests.slice(1).every((r) => r.pageSize === undefined)).toBe(true);
    expect(seen[1]).toEqual([101, 102, 103, 104, 105]);
    expect(cursors.get('Products')).toMatchObject({ done: true, checkpoint: 105, mode: 'unpaged' });
  });
});

describe('readPaged keeps the next request on the wire while it hands pages over', () => {
  const catalogue = Array.from({ length: 6 }, (_, i) => ({
    ProductId: i + 1,
    Name: `کالای ${i + 1}`,
    RowVersion: 101 + i,
  }));
  const pagedSource = (log: string[], failFrom?: number) => ({
    getAllData: async (req: { cursors: Partial<Record<string, number>>; pageSize?: number }) => {
      const from = req.cursors.Products ?? 0;
      log.push(`request ${from}`);
      if (failFrom !== undefined && from >= failFrom) throw new Error('Mahak is down');
      const page = catalogue.filter((r) => r.RowVersion > from).slice(0, req.pageSize);
      return { records: { Products: page }, quarantined: [] };
    },
  });

  it('asks for the next page before the caller has finished with this one, in the same order', async () => {
    const log: string[] = [];
    // Pages of three; each next page starts one below the last RowVersion (pull-paging.ts).
    const cursors = new Map([['Products', startCursor(0, 3)]]);
    await readPaged(
      { source: pagedSource(log), logger: recordingLogger([]), monitor: new PagingMonitor() },
      cursors,
      async (page) => {
        log.push(`page ${page.before.from}`);
        await new Promise((r) => setTimeout(r, 20)); // writing the page
        log.push(`written ${page.before.from}`);
      },
    );
    expect(log).toEqual([
      'request 0',
      'page 0',
      'request 102',
      'written 0',
      'page 102',
      'request 104',
      'written 102',
      'page 104',
      'request 105',
      'written 104',
      'page 105',
      'written 105',
    ]);
    expect(cursors.get('Products')).toMatchObject({ done: true, checkpoint: 106 });
  });

  it('hands over the pages it has before failing with a request that failed meanwhile', async () => {
    const log: string[] = [];
    const handed: number[] = [];
    const read = readPaged(
      {
        source: pagedSource(log, 102),
        logger: recordingLogger([]),
        monitor: new PagingMonitor(),
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      },
      new Map([['Products', startCursor(0, 3)]]),
      async (page) => {
        await new Promise((r) => setTimeout(r, 20));
        handed.push(...page.rows.map((r) => Number(r.RowVersion)));
      },
    );
    await expect(read).rejects.toThrow('Mahak is down');
    expect(handed).toEqual([101, 102, 103]);
  });
});
