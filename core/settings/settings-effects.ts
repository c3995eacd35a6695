import type { SettingKey } from '../contracts/admin-settings.js';
import type { PullOptOut, PullOptOuts } from '../domain/catalog-mapping-types.js';
import type { Logger } from '../logging/logger.js';
import type { MahakConnection } from '../mahak/mahak-client.js';
import { restoreMahakColumns } from '../store/restore-mahak-columns.js';
import type { SqlDb } from '../store/sql-db.js';
import type { SyncEvents } from '../sync/sync-events.js';
import type { DeskSettings } from './desk-settings.js';
import type { LiveSettings } from './runtime-settings.js';

export interface SettingsEffectsDeps {
  desk: DeskSettings;
  mahak: { reconfigure(connection: MahakConnection): void };
  engine: { setSchedule(cron: string | undefined): boolean; events: SyncEvents };
  db: SqlDb;
  mahakCurrency: 'rial' | 'toman';
  logger: Logger;
  /** serve / demo: run the scheduled pull (and follow other instances' changes). */
  schedule: boolean;
  /** How often to look for changes made through another instance (several servers, one database). */
  refreshMs?: number;
  /** Rebuilds the storefront read rows for the current sell level and store (CatalogRepo.prepareScope). */
  prepareStorefront?: () => Promise<void>;
}

/** Settings the storefront read rows are computed for (storefront-read.ts). */
const scopeKeys: readonly SettingKey[] = ['sellPriceLevel', 'storeId'];

const connectionKeys: readonly SettingKey[] = ['mahakUrl', 'mahakUser', 'mahakPassword', 'mahakDatabaseId'];
const optOutKeys: Record<PullOptOut, SettingKey> = {
  prices: 'pullSkipPrices',
  stock: 'pullSkipStock',
  titles: 'pullSkipTitles',
};

export const optOutsOf = (s: Readonly<LiveSettings>): PullOptOuts => ({
  prices: s.pullSkipPrices,
  stock: s.pullSkipStock,
  titles: s.pullSkipTitles,
});

export const connectionOf = (s: Readonly<LiveSettings>): MahakConnection => ({
  baseUrl: s.mahakUrl,
  user: s.mahakUser,
  password: s.mahakPassword,
  ...(s.mahakDatabaseId === undefined ? {} : { databaseId: s.mahakDatabaseId }),
});

/**
 * A settings change takes effect at once: the Mahak client reconnects with the new credentials, the
 * pull is rescheduled, a field the shop stops keeping gets Mahak's value back, and the storefront's
 * read rows are rebuilt for a new sell level or store. On a fresh database
 * the scheduled pull waits until setup is complete (or the connection is set by env / config file, a
 * headless box with no desk): it would only knock on a default address meanwhile. Returns a stop.
 */
export function startSettingsEffects(deps: SettingsEffectsDeps): () => void {
  const { desk, logger } = deps;
  const runtime = desk.runtime;
  let stopped = false;
  let applied: string | undefined;
  const applySchedule = async () => {
    if (!deps.schedule || stopped) return;
    const allowed = desk.connectionLocked || (await desk.setupState()).complete;
    const cron = allowed ? runtime.current().pullSchedule : undefined;
    if (cron === applied || stopped) return;
    applied = cron;
    if (!deps.engine.setSchedule(cron)) logger.error({ cron }, 'the pull schedule cannot be read');
  };
  const scheduleLater = () =>
    void applySchedule().catch((e: unknown) => logger.error({ err: e }, 'pull schedule not applied'));

  const offSettings = runtime.onChange((next, changed) => {
    if (changed.some((k) => connectionKeys.includes(k))) deps.mahak.reconfigure(connectionOf(next));
    if (changed.includes('pullSchedule')) scheduleLater();
    // At the change, not at the next storefront request (another instance follows on its refresh).
    if (deps.prepareStorefront && changed.some((k) => scopeKeys.includes(k))) {
      deps.prepareStorefront().catch((e: unknown) => logger.error({ err: e }, 'storefront rows not rebuilt'));
    }
    for (const [optOut, key] of Object.entries(optOutKeys) as [PullOptOut, SettingKey][]) {
      if (changed.includes(key) && next[key] === false) restoreInBackground(deps, optOut);
    }
  });
  const offSetup = desk.onSetupChange(scheduleLater);
  const offEvents = deps.engine.events.on((event) => {
    if (event.type === 'run-finished' && event.kind === 'pull' && event.status === 'ok') scheduleLater();
  });
  scheduleLater();
  const refresh = deps.schedule
    ? setInterval(() => {
        runtime.refresh().catch((e: unknown) => logger.warn({ err: e }, 'settings refresh failed'));
      }, deps.refreshMs ?? 30_000)
    : undefined;
  refresh?.unref();
  return () => {
    stopped = true;
    offSettings();
    offSetup();
    offEvents();
    if (refresh) clearInterval(refresh);
  };
}

function restoreInBackground(deps: SettingsEffectsDeps, optOut: PullOptOut): void {
  restoreMahakColumns(deps.db, optOut, { mahakCurrency: deps.mahakCurrency })
    .then((rows) => deps.logger.info({ optOut, rows }, "Mahak's values restored after an opt-out ended"))
    .catch((e: unknown) => deps.logger.error({ err: e, optOut }, 'restoring Mahak values failed'));
}
