import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  catalogueDetailSchema,
  catalogueListSchema,
  categoryOptionListSchema,
  type CatalogueListQuery,
  type WebFieldsPatch,
} from '../../../../core/contracts/admin-catalogue';
import { syncTriggerSchema } from '../../../../core/contracts/admin';
import { apiClient } from '../../api/api-client';

const productsPath = '/admin/api/catalogue/products';
const categoriesPath = '/admin/api/catalogue/categories';

/** Filters as the screen holds them; `undefined` = not filtered. */
export type CatalogueFilters = Omit<CatalogueListQuery, 'limit' | 'cursor'>;

export function useCatalogueList(filters: CatalogueFilters, page: { limit: number; cursor?: string }) {
  const query = { ...filters, ...page };
  return useQuery({
    queryKey: [productsPath, query],
    queryFn: ({ signal }) => apiClient.get(productsPath, { query, schema: catalogueListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProduct(id: number) {
  return useQuery({
    queryKey: [productsPath, id],
    queryFn: ({ signal }) =>
      apiClient.get(`${productsPath}/${id}`, { schema: catalogueDetailSchema, signal }),
  });
}

export function useCategories() {
  return useQuery({
    queryKey: [categoriesPath],
    queryFn: ({ signal }) => apiClient.get(categoriesPath, { schema: categoryOptionListSchema, signal }),
    staleTime: 5 * 60_000,
  });
}

/** Saves the web-only fields; the list and the product are fetched again afterwards. */
export function useUpdateWebFields(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: WebFieldsPatch) =>
      apiClient.patch(`${productsPath}/${id}`, { body: patch, schema: catalogueDetailSchema }),
    onSuccess: (detail) => {
      client.setQueryData([productsPath, id], detail);
      void client.invalidateQueries({ queryKey: [productsPath] });
    },
  });
}

/** «Get from Mahak»: the whole pull (POST /admin/api/sync/pull), then every catalogue view refreshes. */
export function usePullNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post('/admin/api/sync/pull', { schema: syncTriggerSchema }),
    onSettled: () => client.invalidateQueries({ queryKey: [productsPath] }),
  });
}
