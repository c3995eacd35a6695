import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  staffListSchema,
  staffSchema,
  tokenPairSchema,
  type StaffCreate,
} from '../../../../core/contracts/accounts';
import type { OwnPasswordChange, StaffUpdate } from '../../../../core/contracts/admin-users';
import { apiClient } from '../../api/api-client';
import { authStore } from '../../auth/auth-store';

export const staffKey = ['/admin/api/staff'] as const;

export function useStaffList() {
  return useQuery({
    queryKey: staffKey,
    queryFn: ({ signal }) => apiClient.get('/admin/api/staff', { schema: staffListSchema, signal }),
  });
}

function useStaffMutation<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });
}

export const useCreateStaff = () =>
  useStaffMutation((body: StaffCreate) => apiClient.post('/admin/api/staff', { body, schema: staffSchema }));

export const useUpdateStaff = () =>
  useStaffMutation(({ id, ...body }: StaffUpdate & { id: string }) =>
    apiClient.patch(`/admin/api/staff/${encodeURIComponent(id)}`, { body, schema: staffSchema }),
  );

export const useResetPassword = () =>
  useStaffMutation(({ id, password }: { id: string; password: string }) =>
    apiClient.post(`/admin/api/staff/${encodeURIComponent(id)}/password`, {
      body: { password },
      schema: staffSchema,
    }),
  );

/** Own password: the answer is a fresh session (every other one ended), kept by this desk. */
export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (body: OwnPasswordChange) =>
      apiClient.post('/admin/api/me/password', { body, schema: tokenPairSchema }),
    onSuccess: (tokens) => authStore.signIn(tokens),
  });
}
