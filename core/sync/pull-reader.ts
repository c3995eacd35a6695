import type { GetAllDataResult } from '../mahak/mahak-client.js';
import { createReadRetry, defaultReadRetry, type ReadRetryOptions } from '../mahak/mahak-read-retry.js';
import type { Logger } from '../logging/logger.js';
import {
  advanceCursor,
  checkPage,
  fallBack,
  sortByRowVersion,
  type EntityCursor,
  type PagingMode,
  type PagingViolation,
} from './pull-paging.js';

export interface PullSource {
  /** `signal` is the process's shutdown: a request still in flight is given up at once (MahakClient). */
  getAllData(
    request: {
      cursors: Partial<Record<string, number>>;
      pageSize?: number;
    },
    options?: { signal?: AbortSignal },
  ): Promise<GetAllDataResult>;
}

/**
 * What this process has learnt about Mahak's paging (API.md §6: semantics unknown). A collection whose
 * page once broke the contract stays unpaged for the life of the process, and each kind of breach is
 * logged once, not on every page of every run.
 */
export class PagingMonitor {
  private readonly modes = new Map<string, PagingMode>();
  private readonly seen = new Map<string, Set<PagingViolation>>();

  mode(collection: string): PagingMode {
    return this.modes.get(collection) ?? 'paged';
  }

  report(collection: string, violations: readonly PagingViolation[], logger: Logger): void {
    const seen = this.seen.get(collection) ?? new Set<PagingViolation>();
    this.seen.set(collection, seen);
    const fresh = violations.filter((v) => !seen.has(v));
    fresh.forEach((v) => seen.add(v));
    this.modes.set(collection, 'unpaged');
    if (fresh.length > 0) {
      logger.warn(
        { collection, violations: fresh },
        'Mahak broke the paging contract (rows above the cursor, ascending, at most pageSize); ' +
          'reading this collection without pageSize from now on',
      );
    }
  }

  /** Collections read unpaged, with the breaches that made them so (run stats, the desk). */
  fallbacks(): Record<string, PagingViolation[]> {
    return Object.fromEntries([...this.seen].map(([c, v]) => [c, [...v]]));
  }
}

/** One entity's share of one response, as handed to the reader's caller. */
export interface ReadPage {
  collection: string;
  /** Valid records, ascending by RowVersion (sorted here whatever order Mahak used). */
  rows: Record<string, unknown>[];
  quarantined: GetAllDataResult['quarantined'];
  before: EntityCursor;
  after: EntityCursor;
  /** Non-empty when the page broke the contract: `after.checkpoint` then equals `before.checkpoint`. */
  violations: PagingViolation[];
}

export interface PagedReadOptions {
  source: PullSource;
  logger: Logger;
  monitor: PagingMonitor;
  maxPageSize?: number;
  /** Called before each GetAllData (the fetcher's backpressure). */
  beforeRequest?: () => Promise<void>;
  /** Safety net against a server that never stops answering with new rows. */
  maxRequests?: number;
  /**
   * How often one GetAllData is asked again after a passing failure before the run fails with it
   * (mahak-read-retry.ts says which failures pass); defaultReadRetry unless a test wants it faster.
   */
  retry?: ReadRetryOptions;
  /** The shutdown of the process: no request starts after it, and a retry wait ends at once. */
  signal?: AbortSignal;
}

/**
 * Reads every cursor to its end. One GetAllData per round for all paged collections (one cursor each,
 * API.md §3.1) and one for all unpaged ones (they must not carry a pageSize). The caller sees every
 * page, in order, per collection.
 *
 * The next request goes out as soon as a response is read (its cursors follow from the response
 * alone), before that response's pages are handed to the caller: Mahak prepares the next round while
 * we write this one. Still one request at a time, in the same order as before; only sooner.
 */
export async function readPaged(
  options: PagedReadOptions,
  cursors: Map<string, EntityCursor>,
  onPage: (page: ReadPage) => Promise<void>,
): Promise<Map<string, EntityCursor>> {
  const requests = requestStarter(options, cursors);
  for (let read = requests.next(); read;) {
    const { group, pageSize } = read;
    const response = await read.response;
    const pages = group.map(([name, cursor]) => {
      const page = readOne(options, name, { ...cursor, pageSize: pageSize ?? cursor.pageSize }, response);
      cursors.set(name, page.after);
      return page;
    });
    read = requests.next();
    for (const page of pages) await onPage(page);
  }
  return cursors;
}

interface InFlightRead {
  group: [string, EntityCursor][];
  pageSize?: number;
  response: Promise<GetAllDataResult>;
}

/** Starts the next GetAllData: paged and unpaged groups take turns, as long as a cursor is not done. */
function requestStarter(options: PagedReadOptions, cursors: Map<string, EntityCursor>) {
  let requests = 0;
  let last: PagingMode = 'unpaged';
  // One policy per read: its retries belong to one request at a time, never shared between runs.
  const again = createReadRetry(options.retry ?? defaultReadRetry, options.logger);
  const start = (mode: PagingMode): InFlightRead | undefined => {
    const group = [...cursors].filter(([, c]) => !c.done && c.mode === mode);
    if (group.length === 0) return undefined;
    options.signal?.throwIfAborted();
    if (++requests > (options.maxRequests ?? 1_000_000)) throw new Error('GetAllData never ran dry');
    // Collections sharing a request share its page size: the largest any of them needs.
    const pageSize = mode === 'paged' ? Math.max(...group.map(([, c]) => c.pageSize)) : undefined;
    const request = {
      cursors: Object.fromEntries(group.map(([name, c]) => [name, c.from])),
      ...(pageSize === undefined ? {} : { pageSize }),
    };
    const signal = options.signal;
    const response = (async () => {
      await options.beforeRequest?.();
      return again.execute(() => options.source.getAllData(request, signal ? { signal } : {}), signal);
    })();
    // Awaited once the pages before it are handed over; a failure meanwhile must not go unhandled.
    response.catch(() => undefined);
    return { group, ...(pageSize === undefined ? {} : { pageSize }), response };
  };
  return {
    next(): InFlightRead | undefined {
      const order: PagingMode[] = last === 'paged' ? ['unpaged', 'paged'] : ['paged', 'unpaged'];
      for (const mode of order) {
        const read = start(mode);
        if (read) {
          last = mode;
          return read;
        }
      }
      return undefined;
    },
  };
}

function readOne(
  options: PagedReadOptions,
  collection: string,
  before: EntityCursor,
  response: GetAllDataResult,
): ReadPage {
  const records = response.records[collection] ?? [];
  const quarantined = response.quarantined.filter((q) => q.entity === collection);
  const violations = checkPage(
    before,
    records.map((r) => Number(r.RowVersion)),
  );
  const rows = sortByRowVersion(records);
  if (violations.length > 0) {
    options.monitor.report(collection, violations, options.logger);
    return { collection, rows, quarantined, before, after: fallBack(before), violations };
  }
  const versions = [
    ...rows.map((r) => Number(r.RowVersion)),
    ...quarantined.map((q) => rowVersionOf(q.payload)).filter((v): v is number => v !== undefined),
  ];
  const after = advanceCursor(before, versions, { entity: collection, maxPageSize: options.maxPageSize });
  return { collection, rows, quarantined, before, after, violations };
}

/** A quarantined record may still carry a usable RowVersion; the cursor must move past it too. */
export function rowVersionOf(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const entry = Object.entries(payload).find(([k]) => k.toLowerCase() === 'rowversion');
  const value = Number(entry?.[1]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
