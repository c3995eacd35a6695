import schedule from 'node-schedule';
import type { Logger } from '../logging/logger.js';
import type { SyncEvents } from '../sync/sync-events.js';
import type { Commerce } from './commerce.js';

/**
 * The selling side's housekeeping: every minute, unpaid online orders past their deadline are
 * cancelled (stock released, customer told); after every successful pull, reservations whose sale
 * is already in the pulled stock are settled.
 */
export function startCommerceJobs(commerce: Commerce, events: SyncEvents, logger: Logger): () => void {
  const log = logger.child({ component: 'orders-jobs' });
  const job = schedule.scheduleJob('hamgam-expire-unpaid', '*/1 * * * *', () => {
    commerce.expireUnpaidOrders().then(
      (ids) => ids.length && log.info({ orders: ids }, 'cancelled unpaid orders past their deadline'),
      (e: unknown) => log.error({ err: e }, 'expiring unpaid orders failed'),
    );
  });
  const off = events.on((event) => {
    if (event.type !== 'run-finished' || event.kind !== 'pull' || event.status !== 'ok') return;
    commerce
      .settleSentReservations()
      .catch((e: unknown) => log.error({ err: e }, 'settling reservations failed'));
  });
  return () => {
    job.cancel();
    off();
  };
}
