import { useQuery } from '@tanstack/react-query';
import { syncStatusSchema } from '../../../../core/contracts/admin-sync';
import { apiClient } from '../../api/api-client';

export const syncStatusPath = '/admin/api/sync/status';

/**
 * The status screen's data in one call. Asks the server to probe Mahak (cached there for half a
 * minute); refreshed often while a run goes, and when the progress stream says a run started or ended.
 */
export function useSyncStatus(running: boolean) {
  return useQuery({
    queryKey: [syncStatusPath, { probe: true }],
    queryFn: ({ signal }) =>
      apiClient.get(syncStatusPath, { query: { probe: true }, schema: syncStatusSchema, signal }),
    refetchInterval: running ? 5_000 : 30_000,
  });
}
