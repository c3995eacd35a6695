import type { ErrorCode } from '../errors.js';

/** Where a counted error happened: a bounded set, so hamgam_errors_total keeps few series. */
export type ErrorSource = 'http' | 'pull' | 'pull_page' | 'push' | 'drift';

/**
 * The metrics the engine updates. Implemented over prom-client in core/api/metrics.ts; the engine
 * only sees this interface (layer rule: api -> sync, never the reverse).
 */
export interface SyncMetrics {
  pullRecords(entity: string, count: number): void;
  pullPages(entity: string): void;
  pullQuarantined(entity: string, count: number): void;
  syncRun(kind: string, status: string): void;
  lastSuccess(kind: string, epochSeconds: number): void;
  queueDepth(topic: string, depth: number): void;
  pushOrders(result: string, count: number): void;
  deadLetters(count: number): void;
  /** One failure with its HamgamError code (anything else counts as INTERNAL). */
  error(source: ErrorSource, code: ErrorCode): void;
}

export const noopSyncMetrics: SyncMetrics = {
  pullRecords: () => {},
  pullPages: () => {},
  pullQuarantined: () => {},
  syncRun: () => {},
  lastSuccess: () => {},
  queueDepth: () => {},
  pushOrders: () => {},
  deadLetters: () => {},
  error: () => {},
};
