import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deadLetterListSchema,
  deadLetterRetryAllSchema,
  deadLetterRetrySchema,
  deadLetterSchema,
  type DeadLetterFilter,
} from '../../../../core/contracts/admin-dead-letters';
import { apiClient } from '../../api/api-client';

export const deadLettersPath = '/admin/api/dead-letters';

export interface DeadLetterPage {
  page: number;
  pageSize: number;
}

/** One page of the list, newest first; the previous page stays on screen while the next loads. */
export function useDeadLetters(filter: DeadLetterFilter, page: DeadLetterPage) {
  return useQuery({
    queryKey: [deadLettersPath, filter, page],
    queryFn: ({ signal }) =>
      apiClient.get(deadLettersPath, {
        query: { ...filter, limit: page.pageSize, offset: page.page * page.pageSize },
        schema: deadLetterListSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useDeadLetter(id: number | null) {
  return useQuery({
    queryKey: [`${deadLettersPath}/:id`, id],
    queryFn: ({ signal }) => apiClient.get(`${deadLettersPath}/${id}`, { schema: deadLetterSchema, signal }),
    enabled: id !== null,
  });
}

/** After any action the list (and the other screens' counts) are read again. */
function useInvalidate() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/admin/api/') });
}

export function useRetryDeadLetter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) =>
      apiClient.post(`${deadLettersPath}/${id}/retry`, { schema: deadLetterRetrySchema }),
    onSuccess: invalidate,
  });
}

export function useDiscardDeadLetter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => apiClient.delete(`${deadLettersPath}/${id}`),
    onSuccess: invalidate,
  });
}

export function useRetryAll() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (filter: DeadLetterFilter) =>
      apiClient.post(`${deadLettersPath}/retry-all`, { body: filter, schema: deadLetterRetryAllSchema }),
    onSuccess: invalidate,
  });
}
