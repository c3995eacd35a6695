import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { syncEntityNames } from '../contracts/admin-sync.js';
import type { ErrorSource, SyncMetrics } from '../sync/sync-metrics.js';
import { storeGaugesOn, type Reading } from './store-gauges.js';
import { sharedReader, type StoreReader } from './store-readings.js';

/**
 * Prometheus metrics on a private Registry (never prom-client's global one), so tests and several
 * in-process servers can each create their own. Implements the sync layer's SyncMetrics port
 * (core/sync/sync-metrics.ts), so the engine never imports prom-client nor core/api.
 * docker/grafana/hamgam-dashboard.json charts these names; test/ops/metrics-dashboard.test.ts keeps the
 * two in step.
 */
export interface Metrics extends SyncMetrics {
  readonly registry: Registry;
  /** hamgam_http_request_duration_seconds{route,method,status}; its _count is the request rate. */
  readonly httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /** The Prometheus text exposition and its content type, for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag); on by default. */
  defaultMetrics?: boolean;
  /**
   * Reads lag, rows, outbox, dead letters and queue depth from the store at scrape time (the composition
   * root passes store-readings.ts). Without it those gauges hold what the engine last set, if anything.
   */
  store?: StoreReader;
  /** How long one store read serves scrapes; default 1 s. */
  storeTtlMs?: number;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  let reading: Reading | undefined;
  if (options.store) {
    const read = sharedReader(options.store, options.storeTtlMs ?? 1000);
    // A store outage must not fail the whole scrape: the process and HTTP metrics still matter then.
    reading = () => read().catch(() => undefined);
    storeGaugesOn(registry, reading);
  }
  return { registry, ...syncMetricsOn(registry, reading), ...httpMetricsOn(registry) };
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

function syncMetricsOn(registry: Registry, reading: Reading | undefined): SyncMetrics {
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
  const pushOrders = counter('hamgam_push_orders_total', 'Orders pushed to Mahak, by result', ['result']);
  // Codes come from the fixed registry in contracts/error-codes.ts: the label set stays bounded.
  const errors = counter('hamgam_errors_total', 'Failures by HamgamError code and where they happened', [
    'code',
    'source',
  ]);
  const { queueDepth, deadLetters } = storeBackedGauges(registry, reading);
  // A zero series for every known label value: rate() and increase() then see the first event,
  // instead of a series that appears from nothing (and a dashboard panel that is empty until then).
  for (const entity of syncEntityNames) {
    for (const c of [pullRecords, pullPages, pullQuarantined]) c.inc({ entity }, 0);
  }
  for (const kind of ['pull', 'push', 'drift'])
    for (const status of ['ok', 'failed']) syncRuns.inc({ kind, status }, 0);
  for (const result of ['sent', 'retry', 'disputed', 'failed']) pushOrders.inc({ result }, 0);

  return {
    pullRecords: (entity, count) => pullRecords.inc({ entity }, count),
    pullPages: (entity) => pullPages.inc({ entity }),
    pullQuarantined: (entity, count) => pullQuarantined.inc({ entity }, count),
    syncRun: (kind, status) => syncRuns.inc({ kind, status }),
    lastSuccess: (kind, epochSeconds) => lastSuccess.set({ kind }, epochSeconds),
    queueDepth: (topic, depth) => queueDepth.set({ topic }, depth),
    pushOrders: (result, count) => pushOrders.inc({ result }, count),
    deadLetters: (count) => deadLetters.set(count),
    error: (source: ErrorSource, code) => errors.inc({ code, source }),
  };
}

/**
 * Queue depth and dead letters predate the store readings and keep their setters (the push worker
 * sets the count after each run), but with a store they are read at scrape time, so every instance
 * reports them, not only the one that last ran the push.
 */
function storeBackedGauges(registry: Registry, reading: Reading | undefined) {
  const queueDepth = new Gauge({
    name: 'hamgam_queue_depth',
    help: 'Messages waiting in the queue, by topic',
    labelNames: ['topic'],
    registers: [registry],
    ...(reading && {
      async collect() {
        const r = await reading();
        if (r) for (const [topic, n] of Object.entries(r.queueDepth)) this.set({ topic }, n);
      },
    }),
  });
  const deadLetters = new Gauge({
    name: 'hamgam_dead_letters',
    help: 'Records currently in the dead-letter store',
    registers: [registry],
    ...(reading && {
      async collect() {
        const r = await reading();
        if (r) this.set(r.deadLetters);
      },
    }),
  });
  return { queueDepth, deadLetters };
}
