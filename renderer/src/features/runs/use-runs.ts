import { useQuery } from '@tanstack/react-query';
import {
  runDetailSchema,
  runHistorySchema,
  type RunHistoryQuery,
} from '../../../../core/contracts/admin-sync';
import { apiClient } from '../../api/api-client';

export const historyPath = '/admin/api/sync/history';
export const runsPath = '/admin/api/sync/runs';

export type RunFilters = Partial<Pick<RunHistoryQuery, 'kind' | 'status'>>;

/** The newest runs, filtered; refreshed by the progress stream when a run starts or ends. */
export function useRunHistory(filters: RunFilters) {
  return useQuery({
    queryKey: [historyPath, filters],
    queryFn: ({ signal }) =>
      apiClient.get(historyPath, { query: { ...filters, limit: 100 }, schema: runHistorySchema, signal }),
    refetchInterval: 30_000,
  });
}

/** One run with its per-entity counts and its log; polled while the run is still going. */
export function useRunDetail(id: string) {
  return useQuery({
    queryKey: [runsPath, id],
    queryFn: ({ signal }) =>
      apiClient.get(`${runsPath}/${encodeURIComponent(id)}`, { schema: runDetailSchema, signal }),
    refetchInterval: (query) => (query.state.data?.run.status === 'running' ? 3_000 : false),
  });
}
