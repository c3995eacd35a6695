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
};
