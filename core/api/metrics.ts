import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncMetrics } from '../sync/sync-metrics.js';

/**
 * Prometheus metrics on a private Registry (never prom-client's global one), so tests and several
 * in-process servers can each create their own. Implements the sync layer's SyncMetrics port
 * (core/sync/sync-metrics.ts), so the engine never imports prom-client nor core/api.
 */
export interface Metrics extends SyncMetrics {
  readonly registry: Registry;
  /** hamgam_http_request_duration_seconds{route,method,status}. */
  readonly httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /** The Prometheus text exposition and its content type, for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag); on by default. */
  defaultMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return { registry, ...syncMetricsOn(registry), ...httpMetricsOn(registry) };
}

function httpMetricsOn(registry: Registry): Pick<Metrics, 'httpRequestDuration' | 'render'> {
  return {
    httpRequestDuration: new Histogram({
      name: 'hamgam_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

function syncMetricsOn(registry: Registry): SyncMetrics {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Gauge<L>({ name, help, labelNames, registers });

  const pullRecords = counter('hamgam_pull_records_total', 'Records applied from pulled Mahak pages', [
    'entity',
  ]);
  const pullPages = counter('hamgam_pull_pages_total', 'Pages fetched from Mahak', ['entity']);
  const pullQuarantined = counter(
    'hamgam_pull_quarantined_total',
    'Pulled records that failed validation and were dead-lettered',
    ['entity'],
  );
  const syncRuns = counter('hamgam_sync_runs_total', 'Sync runs by kind and final status', [
    'kind',
    'status',
  ]);
  const lastSuccess = gauge(
    'hamgam_sync_last_success_timestamp_seconds',
    'Unix time in seconds (not ms) of the last successful sync run',
    ['kind'],
  );
  const queueDepth = gauge('hamgam_queue_depth', 'Messages waiting in the queue, by topic', ['topic']);
  const pushOrders = counter('hamgam_push_orders_total', 'Orders pushed to Mahak, by result', ['result']);
  const deadLetters = gauge('hamgam_dead_letters', 'Records currently in the dead-letter store', []);

  return {
    pullRecords: (entity, count) => pullRecords.inc({ entity }, count),
    pullPages: (entity) => pullPages.inc({ entity }),
    pullQuarantined: (entity, count) => pullQuarantined.inc({ entity }, count),
    syncRun: (kind, status) => syncRuns.inc({ kind, status }),
    lastSuccess: (kind, epochSeconds) => lastSuccess.set({ kind }, epochSeconds),
    queueDepth: (topic, depth) => queueDepth.set({ topic }, depth),
    pushOrders: (result, count) => pushOrders.inc({ result }, count),
    deadLetters: (count) => deadLetters.set(count),
  };
}
