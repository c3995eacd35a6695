import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  adminCustomerDetailSchema,
  adminCustomerListSchema,
  type AdminCustomerListQuery,
} from '../../../../core/contracts/admin-orders';
import { apiClient } from '../../api/api-client';

const customersPath = '/admin/api/customers';

export type CustomerFilters = Omit<AdminCustomerListQuery, 'limit' | 'cursor'>;

export function useCustomerList(filters: CustomerFilters, page: { limit: number; cursor?: string }) {
  const query = { ...filters, ...page };
  return useQuery({
    queryKey: [customersPath, query],
    queryFn: ({ signal }) => apiClient.get(customersPath, { query, schema: adminCustomerListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: [customersPath, id],
    queryFn: ({ signal }) =>
      apiClient.get(`${customersPath}/${encodeURIComponent(id)}`, {
        schema: adminCustomerDetailSchema,
        signal,
      }),
  });
}
