import type { FastifyInstance } from 'fastify';
import { createServer, type ApiRoutePlugin } from './api/create-server.js';
import { adminCatalogueRoutes } from './api/routes/admin-catalogue-routes.js';
import { adminDoctorRoutes } from './api/routes/admin-doctor-routes.js';
import { adminOrderRoutes } from './api/routes/admin-order-routes.js';
import { adminPushRoutes } from './api/routes/admin-services.js';
import { adminSyncDeskRoutes } from './api/routes/admin-sync-desk-routes.js';
import { createMetrics, type Metrics } from './api/metrics.js';
import { storeReaderOf } from './api/store-readings.js';
import type { BlobStore } from './blob/blob-store.js';
import { createBlobStore } from './blob/create-blob-store.js';
import { CatalogueService } from './catalogue/catalogue-service.js';
import type { Config } from './config/config-schema.js';
import { configSourcesOf } from './config/load-config.js';
import type { Logger } from './logging/logger.js';
import { AccountsService } from './accounts/accounts-service.js';
import { MahakClient } from './mahak/mahak-client.js';
import { AdminOrdersService } from './orders/admin-orders-service.js';
import { createCommerce, type Commerce } from './orders/commerce.js';
import { startCommerceJobs } from './orders/commerce-jobs.js';
import { SmsNotificationSender } from './orders/sms-notification-sender.js';
import type { SettingKey } from './contracts/admin-settings.js';
import { pushChoiceKeys } from './push/push-choices.js';
import { createPushServices, type PushServices } from './push/push-services.js';
import { createQueue } from './queue/create-queue.js';
import { adminSettingsRoutes } from './api/routes/admin-settings-routes.js';
import { DeskSettings } from './settings/desk-settings.js';
import { liveConfig } from './settings/live-config.js';
import { RuntimeSettings } from './settings/runtime-settings.js';
import { secretBox, settingsKeySource } from './settings/settings-crypto.js';
import { connectionOf, optOutsOf, startSettingsEffects } from './settings/settings-effects.js';
import { startConfiguredBackups } from './ops/backup-schedule.js';
import { doctorDepsOf, logDirsOf } from './ops/doctor/doctor-app.js';
import type { Queue } from './queue/queue.js';
import { createStorage } from './store/create-storage.js';
import { withStockStore } from './store/stock-store.js';
import type { Storage } from './store/storage.js';
import { PictureSync } from './sync/picture-sync.js';
import { SyncDesk } from './sync/sync-desk.js';
import { storeDeadLetterSink } from './sync/queue-dead-letters.js';
import { SyncEngine } from './sync/sync-engine.js';

/**
 * The one composition root (STYLE.md rule 2): every driver is picked here from config.
 * Nothing else constructs a Storage, Queue, BlobStore or Mahak client.
 */
export interface App {
  /** Validated and frozen, except the desk's settings, which it reads live (settings/live-config.ts). */
  config: Config;
  /** Settings kept in the database, the connection test and first-run setup (core/settings). */
  settings: DeskSettings;
  logger: Logger;
  storage: Storage;
  queue: Queue;
  blobs: BlobStore;
  mahak: MahakClient;
  metrics: Metrics;
  engine: SyncEngine;
  /** The desk's view of the sync: status, live run progress (journalled), preview, one-record sync. */
  desk: SyncDesk;
  /** Push side (core/push): outbox worker (`push.runNow()`, `push.nudge()`), drift check, disputes, dead letters. */
  push: PushServices;
  /** Customer and staff accounts (JWT, OTP through the SMS port). */
  accounts: AccountsService;
  /** Carts, checkout, orders, payments; its jobs run with the schedule. */
  commerce: Commerce;
  /** Present when created with `server: true`; not listening until `listen()`. */
  server?: FastifyInstance;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  server?: boolean;
  /** Start the scheduled pull (serve/demo) or not (one-shot `hamgam sync`). */
  schedule?: boolean;
  routes?: ApiRoutePlugin[];
  /** Sign-ins per minute per client IP (default 10); suites that sign in often raise it. */
  authRatePerMinute?: number;
}

export async function createApp(
  loaded: Config,
  logger: Logger,
  options: CreateAppOptions = {},
): Promise<App> {
  // The storage is made before the settings it applies pages with can be read from it.
  const settingsRef: { runtime?: RuntimeSettings } = {};
  const storage = createStorage(loaded.db, logger, {
    mahakCurrency: loaded.mahakCurrency,
    ...runtimeOptOuts(() => settingsRef.runtime),
  });
  await storage.init();
  const resolved = await withStockStore(loaded, storage, logger);
  const live = await RuntimeSettings.load({
    db: storage.db,
    base: resolved,
    sources: configSourcesOf(loaded),
    box: secretBox(settingsKeySource({ configured: loaded.settingsKey, dataDir: loaded.dataDir, logger })),
    logger: logger.child({ component: 'settings' }),
  });
  settingsRef.runtime = live;
  // From here on every service gets the live view: the desk's settings apply without a restart.
  const config = liveConfig(resolved, () => live.current());
  const queue = createQueue(config.queue, {
    db: storage.db,
    logger: logger.child({ component: 'queue' }),
    namespace: config.queueNamespace,
    // One letter per message; a dead pulled page also holds its entity's checkpoint back.
    deadLetters: storeDeadLetterSink(storage),
  });
  const blobs = createBlobStore(config.blob, logger.child({ component: 'blob' }));
  await Promise.all([queue.init(), blobs.init()]);
  const mahak = new MahakClient({
    ...connectionOf(live.current()),
    apiVersion: config.mahakApiVersion,
    timeoutMs: config.mahakTimeoutMs,
    logger,
  });
  // Lag, rows, outbox and queue gauges are read from the store at scrape time: right on every instance.
  const metrics = createMetrics({ store: storeReaderOf({ db: storage.db, queue }) });
  const engine = new SyncEngine({
    storage,
    queue,
    source: mahak,
    logger: logger.child({ component: 'sync' }),
    metrics,
    options: {
      pageSize: config.pageSize,
      overlap: config.pullOverlap,
      windowMs: config.pullWindowMinutes * 60_000,
      maxPageSize: config.pullMaxPageSize,
      pullSchedule: config.pullSchedule,
      ...(config.reconcileSchedule === 'off' ? {} : { reconcileSchedule: config.reconcileSchedule }),
      lockTtlMs: config.lockTtlSeconds * 1000,
    },
    // Pictures feature: after each pull, download changed pictures into the BlobStore (picture-sync.ts).
    pictures: new PictureSync({
      storage,
      blobs,
      source: mahak,
      logger: logger.child({ component: 'sync' }),
      enabled: () => !config.pullSkipPictures,
    }),
  });
  // Before the engine starts, so the tracker sees (and journals) even the first scheduled pull.
  const desk = new SyncDesk({
    engine,
    storage,
    source: mahak,
    logger,
    pageSize: config.pageSize,
    // A getter: the desk's settings change the schedule without a restart.
    get schedule() {
      return config.pullSchedule;
    },
  });
  // The scheduled pull is started by the settings effects below (it waits for setup on a fresh database).
  await engine.start({ schedule: false });
  const deskSettings = new DeskSettings({
    db: storage.db,
    runtime: live,
    mahak,
    logger,
    demo: config.demo,
    mahakTimeoutMs: config.mahakTimeoutMs,
    mahakApiVersion: config.mahakApiVersion,
  });
  // The storefront read rows for the configured sell level and store, before any request needs them.
  const prepareStorefront = () =>
    storage.catalog.prepareScope({ priceLevel: config.sellPriceLevel, storeId: config.storeId });
  await prepareStorefront();
  const stopSettingsEffects = startSettingsEffects({
    prepareStorefront,
    desk: deskSettings,
    mahak,
    engine,
    db: storage.db,
    mahakCurrency: config.mahakCurrency,
    logger: logger.child({ component: 'settings' }),
    schedule: options.schedule ?? false,
  });
  // ---- push side (core/push): outbox worker on config.pushSchedule + nudges, nightly drift check ----
  const accounts = new AccountsService({ db: storage.db, config, logger });
  await accounts.init();
  // A dispute resolved by cancelling the order tells the customer by SMS, like an expired payment does.
  const notifier = new SmsNotificationSender(accounts.sms);
  const push = createPushServices({
    ...{ storage, queue, mahak, config, logger, metrics, engine, notifier },
    lockedSetting: (key) => live.locks[key as SettingKey] !== undefined,
  });
  push.start({ schedule: options.schedule ?? false });
  // A choice the push paused on may be fixed by this change: look again now, not at the next order.
  const stopPushChoices = live.onChange((_next, changed) => {
    if (changed.some((k) => pushChoiceKeys.includes(k))) push.choicesChanged();
  });
  // ---- selling side (core/orders): a committed checkout or payment nudges the push worker ----
  const commerce = createCommerce({
    db: storage.db,
    config,
    logger,
    sms: accounts.sms,
    notifier,
    onOrderReady: () => push.push.nudge(),
  });
  const stopCommerceJobs = options.schedule ? startCommerceJobs(commerce, engine.events, logger) : () => {};
  const stopBackups = options.schedule
    ? startConfiguredBackups(config, { db: storage.db, blobs, logger })
    : () => {};
  const server = options.server
    ? await createServer({
        config,
        storage,
        logger,
        metrics,
        blobs, // serves GET /api/v1/pictures/:id
        accounts,
        commerce,
        routes: [
          ...(options.routes ?? []),
          ...adminPushRoutes({ storage, ...push, pull: engine }),
          ...deskRoutes({ config, storage, logger, commerce, push }),
          adminSyncDeskRoutes({ storage, desk, sellPriceLevel: () => config.sellPriceLevel }),
          adminSettingsRoutes({ settings: deskSettings }),
          adminDoctorRoutes({
            deps: () => doctorDepsOf({ config, storage, queue, blobs, mahak }),
            config,
            sources: configSourcesOf(loaded),
            logDirs: logDirsOf(config),
          }),
        ],
        ...(options.authRatePerMinute === undefined ? {} : { authRatePerMinute: options.authRatePerMinute }),
        // What this instance needs to serve: not Mahak. The shop keeps selling while Mahak is offline
        // (orders wait in the outbox), so an outage must not take every instance out of a load
        // balancer; Mahak's state is on the desk, in `hamgam doctor` and in /metrics.
        readiness: [
          { name: 'database', check: () => storage.ping() },
          { name: 'queue', check: () => queue.ping() },
          { name: 'blob', check: () => blobs.ping() },
        ],
      })
    : undefined;
  return {
    config,
    settings: deskSettings,
    logger,
    storage,
    queue,
    blobs,
    mahak,
    metrics,
    engine,
    desk,
    push,
    accounts,
    commerce,
    server,
    close: async () => {
      stopSettingsEffects();
      stopPushChoices();
      stopCommerceJobs();
      stopBackups();
      await server?.close();
      await push.stop();
      await engine.stop();
      desk.close();
      await desk.tracker.idle();
      await queue.close();
      await blobs.close();
      await storage.close();
    },
  };
}

/** The desk's catalogue, orders and customers screens (admin API). */
function deskRoutes(parts: {
  config: Config;
  storage: Storage;
  logger: Logger;
  commerce: Commerce;
  push: PushServices;
}): ApiRoutePlugin[] {
  const { config, storage, logger, commerce, push } = parts;
  const catalogue = new CatalogueService({
    db: storage.db,
    // Getters: the desk's settings change the price level and the store without a restart.
    get priceLevel() {
      return config.sellPriceLevel;
    },
    get storeId() {
      return config.storeId;
    },
    logger: logger.child({ component: 'catalogue' }),
  });
  const orders = new AdminOrdersService({
    db: storage.db,
    logger: logger.child({ component: 'orders' }),
    notify: (notice) => commerce.orders.notify(notice),
    pushNow: () => push.push.runNow(),
  });
  return [adminCatalogueRoutes(catalogue), adminOrderRoutes(orders)];
}

/** The storage reads the opt-outs as it applies each page; before the settings load there are none. */
function runtimeOptOuts(holder: () => RuntimeSettings | undefined) {
  return {
    optOuts: () => {
      const current = holder()?.current();
      return current ? optOutsOf(current) : { prices: false, stock: false, titles: false };
    },
  };
}
