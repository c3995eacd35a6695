import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminOrderDetailSchema,
  adminOrderListSchema,
  type AdminOrderListQuery,
} from '../../../../core/contracts/admin-orders';
import { apiClient } from '../../api/api-client';

const ordersPath = '/admin/api/orders';

export type OrderFilters = Omit<AdminOrderListQuery, 'limit' | 'cursor'>;

export function useOrderList(filters: OrderFilters, page: { limit: number; cursor?: string }) {
  const query = { ...filters, ...page };
  return useQuery({
    queryKey: [ordersPath, query],
    queryFn: ({ signal }) => apiClient.get(ordersPath, { query, schema: adminOrderListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: [ordersPath, id],
    queryFn: ({ signal }) =>
      apiClient.get(`${ordersPath}/${encodeURIComponent(id)}`, { schema: adminOrderDetailSchema, signal }),
  });
}

/** «Push now» and «cancel»: the answer is the order as it now stands; lists refresh afterwards. */
export function useOrderAction(id: string) {
  const client = useQueryClient();
  const path = `${ordersPath}/${encodeURIComponent(id)}`;
  return useMutation({
    mutationFn: (action: { kind: 'push' } | { kind: 'cancel'; note?: string }) =>
      action.kind === 'push'
        ? apiClient.post(`${path}/push`, { schema: adminOrderDetailSchema })
        : apiClient.post(`${path}/cancel`, {
            body: action.note ? { note: action.note } : {},
            schema: adminOrderDetailSchema,
          }),
    onSuccess: (order) => {
      client.setQueryData([ordersPath, id], order);
      void client.invalidateQueries({ queryKey: [ordersPath] });
      void client.invalidateQueries({ queryKey: ['/admin/api/customers'] });
    },
  });
}
