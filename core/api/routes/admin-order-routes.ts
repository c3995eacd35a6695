import {
  adminCustomerDetailSchema,
  adminCustomerListQuerySchema,
  adminCustomerListSchema,
  adminOrderDetailSchema,
  adminOrderListQuerySchema,
  adminOrderListSchema,
  cancelOrderRequestSchema,
  orderIdParamsSchema,
  type AdminCustomerDetail,
  type AdminCustomerList,
  type AdminOrderDetail,
  type AdminOrderList,
} from '../../contracts/admin-orders.js';
import type { AdminOrdersService } from '../../orders/admin-orders-service.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import type { ZodTypeProvider } from '../zod-validation.js';
import { adminErrors } from './admin-dispute-routes.js';

/** The desk's orders (timeline, push now, cancel; actions audited) and customers (Mahak person link). */
export function adminOrderRoutes(orders: AdminOrdersService): ApiRoutePlugin {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    app.addHook('onRequest', requireStaff());
    const detail = { params: orderIdParamsSchema, response: { 200: adminOrderDetailSchema, ...adminErrors } };

    app.get(
      '/admin/api/orders',
      {
        schema: {
          tags,
          querystring: adminOrderListQuerySchema,
          response: { 200: adminOrderListSchema, ...adminErrors },
        },
      },
      async (request): Promise<AdminOrderList> => orders.list(request.query),
    );

    app.get(
      '/admin/api/orders/:id',
      { schema: { tags, ...detail } },
      async (request): Promise<AdminOrderDetail> => orders.get(request.params.id),
    );

    app.post(
      '/admin/api/orders/:id/cancel',
      { schema: { tags, ...detail, body: cancelOrderRequestSchema.nullish() } },
      async (request): Promise<AdminOrderDetail> =>
        orders.cancel(request.params.id, staffOf(request), request.body?.note),
    );

    app.post(
      '/admin/api/orders/:id/push',
      { schema: { tags, ...detail } },
      async (request): Promise<AdminOrderDetail> => orders.pushNow(request.params.id, staffOf(request)),
    );

    app.get(
      '/admin/api/customers',
      {
        schema: {
          tags,
          querystring: adminCustomerListQuerySchema,
          response: { 200: adminCustomerListSchema, ...adminErrors },
        },
      },
      async (request): Promise<AdminCustomerList> => orders.listCustomers(request.query),
    );

    app.get(
      '/admin/api/customers/:id',
      {
        schema: {
          tags,
          params: orderIdParamsSchema,
          response: { 200: adminCustomerDetailSchema, ...adminErrors },
        },
      },
      async (request): Promise<AdminCustomerDetail> => orders.getCustomer(request.params.id),
    );
  };
}
