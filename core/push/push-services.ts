import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { NotificationSender } from '../orders/notification-sender.js';
import type { Queue } from '../queue/queue.js';
import type { Storage } from '../store/storage.js';
import type { SyncEvents } from '../sync/sync-events.js';
import type { SyncMetrics } from '../sync/sync-metrics.js';
import { DeadLetterService } from './dead-letter-service.js';
import { DisputeService } from './dispute-service.js';
import { DriftCheck, type DriftPuller } from './drift-check.js';
import type { DriftMahak } from './push-ports.js';
import { currentPause } from './push-pause.js';
import { TaskRunner } from './push-runner.js';
import { PushWorker } from './push-worker.js';

export interface PushServicesDeps {
  storage: Storage;
  queue: Queue;
  mahak: DriftMahak;
  config: Config;
  logger: Logger;
  metrics: SyncMetrics;
  /** The pull engine: progress events, the instance id, and the re-pull after a drift check. */
  engine: DriftPuller & { events: SyncEvents; instanceId: string };
  notifier?: NotificationSender;
  /** Whether env / config file set a setting: a pause then says to fix it there, not in the desk. */
  lockedSetting?: (key: string) => boolean;
}

/** The push side as the composition root wires it: worker + schedule, drift check, disputes, dead letters. */
export interface PushServices {
  worker: PushWorker;
  /** Scheduled push (config.pushSchedule); `nudge()` right after a checkout, `runNow()` for "push now". */
  push: TaskRunner;
  driftCheck: DriftCheck;
  /** Scheduled drift check (config.driftSchedule). */
  drift: TaskRunner;
  disputes: DisputeService;
  deadLetters: DeadLetterService;
  /**
   * A desk setting the Mahak choices come from changed (push-choices.ts pushChoiceKeys): while the push
   * is paused, it looks again now, so the pause ends with its cause, not at the next order.
   */
  choicesChanged(): void;
  start(options: { schedule?: boolean }): void;
  stop(): Promise<void>;
}

export function createPushServices(deps: PushServicesDeps): PushServices {
  const logger = deps.logger.child({ component: 'push' });
  const { storage, config, engine } = deps;
  const worker = new PushWorker({ ...deps, logger, events: engine.events, instanceId: engine.instanceId });
  const push = new TaskRunner('push', worker, logger, { cron: config.pushSchedule });
  const driftCheck = new DriftCheck({
    ...deps,
    logger: deps.logger.child({ component: 'drift' }),
    events: engine.events,
    puller: engine,
  });
  const drift = new TaskRunner('drift', driftCheck, logger, { cron: config.driftSchedule });
  const nudge = () => push.nudge();
  const disputes = new DisputeService({
    storage,
    config,
    logger,
    mahak: deps.mahak,
    nudge,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
  });
  const deadLetters = new DeadLetterService({ storage, queue: deps.queue, logger, nudge });
  const choicesChanged = () => {
    currentPause(storage.db)
      .then((paused) => paused && nudge())
      .catch((e: unknown) => logger.warn({ err: e }, 'could not read the push pause'));
  };
  return {
    choicesChanged,
    worker,
    push,
    driftCheck,
    drift,
    disputes,
    deadLetters,
    start: (options) => {
      push.start(options);
      drift.start(options);
      // A server start (perhaps after a restore or a power cut): no new order may reuse a ClientId
      // Mahak holds (issue 8). Mahak down now: the first push run does it before sending.
      if (options.schedule)
        worker.checkClientIdFloor().catch((e: unknown) => {
          logger.warn({ err: e }, 'could not check the ClientId floor at start; the first push run will');
        });
    },
    stop: async () => {
      await Promise.all([push.stop(), drift.stop()]);
    },
  };
}
