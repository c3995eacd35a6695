import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  connectionTestResultSchema,
  deskDisplaySchema,
  mahakListsSchema,
  settingsViewSchema,
  type ConnectionTestRequest,
  type SettingsPatch,
} from '../../../../core/contracts/admin-settings';
import { apiClient } from '../../api/api-client';
import { useSession } from '../../auth/use-session';

export const settingsKey = ['/admin/api/settings'] as const;
export const displayKey = ['/admin/api/settings/display'] as const;
export const listsKey = ['/admin/api/settings/mahak-lists'] as const;

export function useSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => apiClient.get('/admin/api/settings', { schema: settingsViewSchema, signal }),
  });
}

/** The Mahak lists (price levels, stores, person groups): the pulled copy, or Mahak's own before a pull. */
export function useMahakLists(enabled = true) {
  return useQuery({
    queryKey: listsKey,
    queryFn: ({ signal }) =>
      apiClient.get('/admin/api/settings/mahak-lists', { schema: mahakListsSchema, signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** Saves a change; the answer is the new settings view, and the money unit follows at once. */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) =>
      apiClient.patch('/admin/api/settings', { body: patch, schema: settingsViewSchema }),
    onSuccess: (view) => {
      queryClient.setQueryData(settingsKey, view);
      queryClient.setQueryData(displayKey, { moneyDisplay: view.values.moneyDisplay });
    },
  });
}

export function useTestConnection() {
  return useMutation({
    mutationFn: (request: ConnectionTestRequest) =>
      apiClient.post('/admin/api/settings/test-connection', {
        body: request,
        schema: connectionTestResultSchema,
      }),
  });
}

/** Rial or toman for every clerk's desk (readable without the owner role). */
export function useDeskDisplay() {
  const session = useSession();
  return useQuery({
    queryKey: displayKey,
    queryFn: ({ signal }) =>
      apiClient.get('/admin/api/settings/display', { schema: deskDisplaySchema, signal }),
    enabled: session !== null,
    staleTime: 60_000,
  });
}
