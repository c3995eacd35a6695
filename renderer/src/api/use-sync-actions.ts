import { useMutation, useQueryClient } from '@tanstack/react-query';
import { syncTriggerSchema } from '../../../core/contracts/admin';
import {
  previewResultSchema,
  syncRecordResultSchema,
  syncStartSchema,
  type SyncEntity,
} from '../../../core/contracts/admin-sync';
import { apiClient } from './api-client';

/**
 * "Sync now" and friends, shared by the status screen and the first-run wizard. The answers are small;
 * the progress itself arrives through useSyncProgress.
 */

/** Starts a pull of everything (or of one entity); a click while one runs joins it. */
export function useStartSync() {
  return useMutation({
    mutationKey: ['/admin/api/sync/start'],
    mutationFn: (entity?: SyncEntity) =>
      apiClient.post('/admin/api/sync/start', { body: entity ? { entity } : {}, schema: syncStartSchema }),
  });
}

/** Fetches one record by its Mahak id and applies it. */
export function useSyncRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['/admin/api/sync/record'],
    mutationFn: (input: { entity: SyncEntity; id: number }) =>
      apiClient.post('/admin/api/sync/record', { body: input, schema: syncRecordResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['/admin/api/sync/status'] }),
  });
}

/** Sends the waiting web orders and customers to Mahak now. */
export function usePushNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['/admin/api/sync/push'],
    mutationFn: () => apiClient.post('/admin/api/sync/push', { schema: syncTriggerSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['/admin/api/sync/status'] }),
  });
}

/** A dry run of a pull: what would be created, updated and unpublished; writes nothing. */
export function useSyncPreview() {
  return useMutation({
    mutationKey: ['/admin/api/sync/preview'],
    mutationFn: (entities?: SyncEntity[]) =>
      apiClient.post('/admin/api/sync/preview', {
        body: entities ? { entities } : {},
        schema: previewResultSchema,
      }),
  });
}
