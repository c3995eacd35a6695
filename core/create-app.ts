import type { FastifyInstance } from 'fastify';
import { createServer, type ApiRoutePlugin } from './api/create-server.js';
import { adminCatalogueRoutes } from './api/routes/admin-catalogue-routes.js';
import { adminOrderRoutes } from './api/routes/admin-order-routes.js';
import { adminPushRoutes } from './api/routes/admin-services.js';
import { adminSyncDeskRoutes } from './api/routes/admin-sync-desk-routes.js';
import { createMetrics, type Metrics } from './api/metrics.js';
import type { BlobStore } from './blob/blob-store.js';
import { createBlobStore } from './blob/create-blob-store.js';
import { CatalogueService } from './catalogue/catalogue-service.js';
import type { Config } from './config/config-schema.js';
import type { Logger } from './logging/logger.js';
import { AccountsService } from './accounts/accounts-service.js';
import { MahakClient } from './mahak/mahak-client.js';
import { AdminOrdersService } from './orders/admin-orders-service.js';
import { createCommerce, type Commerce } from './orders/commerce.js';
import { startCommerceJobs } from './orders/commerce-jobs.js';
import { SmsNotificationSender } from './orders/sms-notification-sender.js';
import { createPushServices, type PushServices } from './push/push-services.js';
import { createQueue } from './queue/create-queue.js';
import type { Queue } from './queue/queue.js';
import { createStorage } from './store/create-storage.js';
import { withStockStore } from './store/stock-store.js';
import type { Storage } from './store/storage.js';
import { PictureSync } from './sync/picture-sync.js';
import { SyncDesk } from './sync/sync-desk.js';
import { SyncEngine } from './sync/sync-engine.js';

/**
 * The one composition root (STYLE.md rule 2): every driver is picked here from config.
 * Nothing else constructs a Storage, Queue, BlobStore or Mahak client.
 */
export interface App {
  config: Config;
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
}

export async function createApp(
  settings: Config,
  logger: Logger,
  options: CreateAppOptions = {},
): Promise<App> {
  const storage = createStorage(settings.db, logger, { mahakCurrency: settings.mahakCurrency });
  await storage.init();
  const config = await withStockStore(settings, storage, logger);
  const queue = createQueue(config.queue, {
    db: storage.db,
    logger: logger.child({ component: 'queue' }),
    namespace: config.queueNamespace,
    deadLetters: (letter) =>
      storage
        .addDeadLetter({
          source: 'queue',
          kind: letter.topic,
          payload: letter.message,
          reason: letter.history.at(-1)?.error ?? 'unknown',
          attempts: letter.attempts,
          history: letter.history,
        })
        .then(() => undefined),
  });
  const blobs = createBlobStore(config.blob, logger.child({ component: 'blob' }));
  await Promise.all([queue.init(), blobs.init()]);
  const mahak = new MahakClient({
    baseUrl: config.mahakUrl,
    user: config.mahakUser,
    password: config.mahakPassword,
    databaseId: config.mahakDatabaseId,
    apiVersion: config.mahakApiVersion,
    timeoutMs: config.mahakTimeoutMs,
    logger,
  });
  const metrics = createMetrics();
  const engine = new SyncEngine({
    storage,
    queue,
    source: mahak,
    logger: logger.child({ component: 'sync' }),
    metrics,
    options: {
      pageSize: config.pageSize,
      overlap: config.pullOverlap,
      pullSchedule: config.pullSchedule,
      lockTtlMs: config.lockTtlSeconds * 1000,
    },
    // Pictures feature: after each pull, download changed pictures into the BlobStore (picture-sync.ts).
    pictures: new PictureSync({ storage, blobs, source: mahak, logger: logger.child({ component: 'sync' }) }),
  });
  // Before the engine starts, so the tracker sees (and journals) even the first scheduled pull.
  const desk = new SyncDesk({
    engine,
    storage,
    source: mahak,
    logger,
    pageSize: config.pageSize,
    schedule: config.pullSchedule,
  });
  await engine.start({ schedule: options.schedule ?? false });
  // ---- push side (core/push): outbox worker on config.pushSchedule + nudges, nightly drift check ----
  const accounts = new AccountsService({ db: storage.db, config, logger });
  await accounts.init();
  // A dispute resolved by cancelling the order tells the customer by SMS, like an expired payment does.
  const notifier = new SmsNotificationSender(accounts.sms);
  const push = createPushServices({ storage, queue, mahak, config, logger, metrics, engine, notifier });
  push.start({ schedule: options.schedule ?? false });
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
          adminSyncDeskRoutes({ storage, desk }),
        ],
        readiness: [
          { name: 'database', check: () => storage.ping() },
          { name: 'queue', check: () => queue.ping() },
          { name: 'blob', check: () => blobs.ping() },
          { name: 'mahak', check: () => mahak.ping() },
        ],
      })
    : undefined;
  return {
    config,
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
      stopCommerceJobs();
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
    priceLevel: config.sellPriceLevel,
    storeId: config.storeId,
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
