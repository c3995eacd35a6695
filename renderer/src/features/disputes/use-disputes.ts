import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { disputeWorkbenchSchema } from '../../../../core/contracts/admin-disputes';
import {
  disputeDetailSchema,
  disputeListSchema,
  type ResolveDisputeRequest,
} from '../../../../core/contracts/admin';
import { apiClient } from '../../api/api-client';

export const disputesPath = '/admin/api/disputes';

export function useDisputes(status: 'open' | 'resolved') {
  return useQuery({
    queryKey: [disputesPath, { status }],
    queryFn: ({ signal }) =>
      apiClient.get(disputesPath, { query: { status, limit: 200 }, schema: disputeListSchema, signal }),
  });
}

/** The workbench reads Mahak live: not cached for long, and not retried on its own (Mahak may be slow). */
export function useDisputeWorkbench(id: string) {
  return useQuery({
    queryKey: [`${disputesPath}/:id/workbench`, id],
    queryFn: ({ signal }) =>
      apiClient.get(`${disputesPath}/${encodeURIComponent(id)}/workbench`, {
        query: { source: 'live' },
        schema: disputeWorkbenchSchema,
        signal,
      }),
    staleTime: 0,
  });
}

export function useResolveDispute(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ResolveDisputeRequest) =>
      apiClient.post(`${disputesPath}/${encodeURIComponent(id)}/resolve`, {
        body: request,
        schema: disputeDetailSchema,
      }),
    onSuccess: () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/admin/api/') }),
  });
}
