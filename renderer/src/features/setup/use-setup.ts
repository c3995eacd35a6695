import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setupStateSchema } from '../../../../core/contracts/admin-settings';
import {
  currentRunSchema,
  previewResultSchema,
  syncStartSchema,
} from '../../../../core/contracts/admin-sync';
import { apiClient } from '../../api/api-client';
import { useSession } from '../../auth/use-session';

export const setupKey = ['/admin/api/setup'] as const;
export const currentRunKey = ['/admin/api/sync/current'] as const;

/** Whether the first-run wizard is still to be walked (every signed-in clerk may ask). */
export function useSetupState() {
  const session = useSession();
  return useQuery({
    queryKey: setupKey,
    queryFn: ({ signal }) => apiClient.get('/admin/api/setup', { schema: setupStateSchema, signal }),
    enabled: session !== null,
  });
}

export function useFinishSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post('/admin/api/setup/finish', { schema: setupStateSchema }),
    onSuccess: (state) => queryClient.setQueryData(setupKey, state),
  });
}

/** The dry run: what the first pull would create, without writing anything. */
export function usePreview() {
  return useMutation({
    mutationFn: () => apiClient.post('/admin/api/sync/preview', { body: {}, schema: previewResultSchema }),
  });
}

export function useStartPull() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post('/admin/api/sync/start', { body: {}, schema: syncStartSchema }),
    onSuccess: (start) => queryClient.setQueryData(currentRunKey, { run: start.run }),
  });
}

/**
 * The run going on, polled while it runs: the wizard needs the bar and the end, not every delta, and a
 * poll survives a reload the same way the server-held run state does.
 */
export function useCurrentRun(enabled: boolean) {
  return useQuery({
    queryKey: currentRunKey,
    queryFn: ({ signal }) => apiClient.get('/admin/api/sync/current', { schema: currentRunSchema, signal }),
    enabled,
    refetchInterval: (query) => {
      const phase = query.state.data?.run?.phase;
      return phase === 'done' || phase === 'failed' ? false : 1000;
    },
  });
}
