import { Gauge, type Registry } from 'prom-client';
import type { EntityPullFacts } from '../sync/sync-status.js';
import type { StoreReadings } from './store-readings.js';

/**
 * The store's readings of this scrape, or undefined when the store could not be read. Each gauge
 * resets before it sets, so a value it can no longer read shows as missing rather than stale;
 * hamgam_store_scrape_ok says which it was.
 */
export type Reading = () => Promise<StoreReadings | undefined>;

/** Gauges computed at scrape time from the store (core/api/store-readings.ts), never kept in memory. */
export function storeGaugesOn(registry: Registry, reading: Reading): void {
  const registers = [registry];
  const perEntity = (name: string, help: string, value: (f: EntityPullFacts) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['entity'],
      registers,
      async collect() {
        this.reset();
        for (const f of (await reading())?.entities ?? []) {
          const v = value(f);
          // An entity never pulled has no lag nor checkpoint: no sample, rather than a made-up 0.
          if (v !== null) this.set({ entity: f.entity }, v);
        }
      },
    });
  perEntity(
    'hamgam_sync_lag_seconds',
    'Seconds since a pull covering the entity last succeeded (absent: never)',
    (f) => f.lagSeconds,
  );
  perEntity('hamgam_sync_rows', 'Rows the store holds per entity, deleted ones included', (f) => f.rows);
  perEntity(
    'hamgam_sync_checkpoint_row_version',
    "The entity's checkpoint: the highest Mahak RowVersion applied (absent: never pulled)",
    (f) => f.checkpoint,
  );
  outboxGaugesOn(registry, reading);
  new Gauge({
    name: 'hamgam_store_scrape_ok',
    help: '1 when the store-backed gauges of this scrape could be read, 0 when not',
    registers,
    async collect() {
      this.set((await reading()) ? 1 : 0);
    },
  });
}

function outboxGaugesOn(registry: Registry, reading: Reading): void {
  const perState = (
    name: string,
    help: string,
    value: (o: { count: number; oldestAgeSeconds: number }) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        this.reset();
        const outbox = (await reading())?.outbox;
        for (const [state, o] of Object.entries(outbox ?? {})) this.set({ state }, value(o));
      },
    });
  perState(
    'hamgam_outbox_pending',
    'Push outbox rows not done yet: held (awaiting payment), ready (owed to Mahak), disputed',
    (o) => o.count,
  );
  perState(
    'hamgam_outbox_oldest_pending_age_seconds',
    'Seconds since the oldest row in the state was written (0 when there is none)',
    (o) => o.oldestAgeSeconds,
  );
}
