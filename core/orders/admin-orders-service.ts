import type {
  AdminCustomerDetail,
  AdminCustomerList,
  AdminCustomerListQuery,
  AdminOrderDetail,
  AdminOrderList,
  AdminOrderListQuery,
} from '../contracts/admin-orders.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import { adminCustomerDetail, listAdminCustomers } from './admin-customers.js';
import { cancelByStaff, makeDueNow, type Actor } from './admin-order-actions.js';
import { adminOrderDetail } from './admin-order-detail.js';
import { listAdminOrders } from './admin-order-list.js';
import type { OrderCancelledNotice } from './notification-sender.js';

export interface AdminOrdersDeps {
  db: SqlDb;
  logger: Logger;
  /** Tells the customer after a cancel has committed (OrdersService.notify). */
  notify(notice: OrderCancelledNotice): Promise<void>;
  /** Runs the push worker now (joins a run in progress). */
  pushNow(): Promise<unknown>;
  now?: () => number;
}

/** The desk's orders and customers: lists, details with the order's timeline, and the clerk's actions. */
export class AdminOrdersService {
  private readonly now: () => number;

  constructor(private readonly deps: AdminOrdersDeps) {
    this.now = deps.now ?? Date.now;
  }

  list(query: AdminOrderListQuery): Promise<AdminOrderList> {
    return listAdminOrders(this.deps.db, query);
  }

  get(id: string): Promise<AdminOrderDetail> {
    return adminOrderDetail(this.deps.db, id);
  }

  async cancel(id: string, actor: Actor, note?: string): Promise<AdminOrderDetail> {
    const notice = await cancelByStaff(this.deps.db, id, actor, note, this.now());
    this.deps.logger.info({ orderId: id, by: actor.id }, 'order cancelled at the desk');
    await this.deps.notify(notice);
    return this.get(id);
  }

  /** Makes the order due and runs the push; a failed run is the push's business (its row says why). */
  async pushNow(id: string, actor: Actor): Promise<AdminOrderDetail> {
    await makeDueNow(this.deps.db, id, actor, this.now());
    this.deps.logger.info({ orderId: id, by: actor.id }, 'order pushed now from the desk');
    try {
      await this.deps.pushNow();
    } catch (e) {
      this.deps.logger.warn({ orderId: id, err: (e as Error).message }, 'push run after "push now" failed');
    }
    return this.get(id);
  }

  listCustomers(query: AdminCustomerListQuery): Promise<AdminCustomerList> {
    return listAdminCustomers(this.deps.db, query);
  }

  getCustomer(id: string): Promise<AdminCustomerDetail> {
    return adminCustomerDetail(this.deps.db, id);
  }
}
