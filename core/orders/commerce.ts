import type { SmsSender } from '../accounts/sms-sender.js';
import type { Config } from '../config/config-schema.js';
import type { PriceLevel } from '../domain/checkout-rules.js';
import type { Logger } from '../logging/logger.js';
import { FakePaymentGateway } from '../payments/fake-gateway.js';
import type { PaymentGateway } from '../payments/payment-gateway.js';
import { PaymentsService } from '../payments/payment-service.js';
import type { SqlDb } from '../store/sql-db.js';
import { CartService } from './cart-service.js';
import { CheckoutService } from './checkout-service.js';
import type { NotificationSender } from './notification-sender.js';
import { OrdersService } from './orders-service.js';
import { SmsNotificationSender } from './sms-notification-sender.js';

export type CommerceConfig = Pick<
  Config,
  'sellPriceLevel' | 'storeId' | 'shippingCostRial' | 'paymentTimeoutMinutes' | 'paymentGateway' | 'demo'
>;

export interface CommerceDeps {
  db: SqlDb;
  config: CommerceConfig;
  logger: Logger;
  /** For customer notices (SmsNotificationSender) unless `notifier` is given. */
  sms: SmsSender;
  notifier?: NotificationSender;
  /** Default: the driver config.paymentGateway names. */
  gateway?: PaymentGateway;
  now?: () => number;
  /**
   * Called after a checkout or a verified payment has committed: an order may now be ready for Mahak,
   * so the push worker can start at once instead of waiting for its schedule.
   */
  onOrderReady?: () => void;
}

/** The storefront's selling side: carts, checkout, orders and payments over one store database. */
export interface Commerce {
  carts: CartService;
  checkout: CheckoutService;
  orders: OrdersService;
  payments: PaymentsService;
  gateway: PaymentGateway;
  /**
   * For the scheduler, every minute: retries payment verifications cut short, then cancels unpaid
   * online orders past their deadline (stock released, customer told by SMS). Returns the cancelled ids.
   */
  expireUnpaidOrders(now?: number): Promise<string[]>;
  /** For the scheduler after each pull: releases reservations whose sale has reached the pulled stock. */
  settleSentReservations(now?: number): Promise<number>;
}

export function createCommerce(deps: CommerceDeps): Commerce {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ component: 'orders' });
  const { config } = deps;
  const gateway = deps.gateway ?? createGateway(config, logger);
  // Read on every use, not once: the desk can change the price level and the store without a restart.
  const selling = {
    get priceLevel() {
      return config.sellPriceLevel as PriceLevel;
    },
    get storeId() {
      return config.storeId;
    },
  };
  const carts = new CartService(deps.db, selling, now);
  const checkout = new CheckoutService(
    deps.db,
    carts,
    {
      get priceLevel() {
        return selling.priceLevel;
      },
      get storeId() {
        return selling.storeId;
      },
      shippingCost: config.shippingCostRial,
      paymentTimeoutMs: config.paymentTimeoutMinutes * 60_000,
    },
    logger,
    now,
  );
  const orders = new OrdersService(
    deps.db,
    deps.notifier ?? new SmsNotificationSender(deps.sms),
    logger,
    now,
  );
  const payments = new PaymentsService(
    deps.db,
    gateway,
    orders,
    logger.child({ component: 'payments' }),
    now,
  );
  if (deps.onOrderReady) {
    const ready = deps.onOrderReady;
    checkout.checkout = thenNotify(checkout.checkout.bind(checkout), ready);
    payments.handleCallback = thenNotify(payments.handleCallback.bind(payments), ready);
  }
  return {
    carts,
    checkout,
    orders,
    payments,
    gateway,
    expireUnpaidOrders: async (at = now()) => {
      await payments.recoverStaleVerifications(at);
      return orders.expireUnpaidOrders(at);
    },
    settleSentReservations: (at = now()) => orders.settleSentReservations(at),
  };
}

/** Runs `notify` after `fn` resolved (i.e. after its transaction committed); a failing notify is ignored. */
function thenNotify<A extends unknown[], R>(fn: (...args: A) => Promise<R>, notify: () => void) {
  return async (...args: A): Promise<R> => {
    const result = await fn(...args);
    try {
      notify();
    } catch {
      // The schedule will pick the order up anyway.
    }
    return result;
  };
}

function createGateway(config: CommerceConfig, logger: Logger): PaymentGateway {
  if (!config.demo) {
    logger.warn(
      { gateway: config.paymentGateway },
      'payments use the development fake gateway: nothing is charged',
    );
  }
  return new FakePaymentGateway();
}
