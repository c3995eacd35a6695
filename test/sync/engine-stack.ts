import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { createQueue } from '../../core/queue/create-queue.js';
import type { Queue } from '../../core/queue/queue.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import type { PullSource } from '../../core/sync/pull-reader.js';
import { storeDeadLetterSink } from '../../core/sync/queue-dead-letters.js';
import { SyncEngine, type SyncEngineOptions } from '../../core/sync/sync-engine.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';

export interface EngineStackOptions {
  /** The simulator's (or any Mahak imitation's) sync URL. */
  syncUrl: string;
  /** Store URL; an in-memory SQLite store when left out. */
  dbUrl?: string;
  /** `local` (the default) or an AMQP URL. */
  queueUrl?: string;
  /** RabbitMQ queue namespace, so parallel files never share queues. */
  namespace?: string;
  engine: SyncEngineOptions;
  /** Puts something between the engine and Mahak (a test's own failures); the client itself when absent. */
  source?: (client: MahakClient) => PullSource;
  /** A store of the test's own (a second engine over the first one's store); closed by its owner. */
  storage?: Storage;
}

/** A started SyncEngine over a real store, queue and Mahak client, as the appliance wires it. */
export interface EngineStack {
  storage: Storage;
  queue: Queue;
  engine: SyncEngine;
  /** Stops the engine, then the queue, then the store (each only if it was opened). */
  close(): Promise<void>;
}

export async function startEngineStack(options: EngineStackOptions): Promise<EngineStack> {
  const logger = createSilentLogger();
  const ownStore = !options.storage;
  const storage = options.storage ?? createStorage(options.dbUrl ?? 'sqlite::memory:', logger);
  if (ownStore) await storage.init();
  const queue = createQueue(options.queueUrl ?? 'local', {
    db: storage.db,
    logger,
    deadLetters: storeDeadLetterSink(storage),
    namespace: options.namespace,
  });
  await queue.init();
  const client = new MahakClient({ baseUrl: options.syncUrl, user: 'demo', password: 'demo', logger });
  const source = options.source?.(client) ?? client;
  const engine = new SyncEngine({
    storage,
    queue,
    source,
    logger,
    metrics: noopSyncMetrics,
    options: options.engine,
  });
  await engine.start();
  return {
    storage,
    queue,
    engine,
    async close() {
      await engine.stop();
      await queue.close();
      if (ownStore) await storage.close();
    },
  };
}
