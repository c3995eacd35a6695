import { useQuery } from '@tanstack/react-query';
import { staffSchema, type StaffDto } from '../../../core/contracts/accounts';
import { apiClient } from '../api/api-client';
import { useSession } from './use-session';

export const meQueryKey = ['/admin/api/me'] as const;

/** The signed-in staff member (username, role). Owner-only navigation and routes read `isOwner`. */
export function useMe() {
  const session = useSession();
  const query = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => apiClient.get('/admin/api/me', { schema: staffSchema, signal }),
    enabled: session !== null,
    staleTime: 5 * 60_000,
  });
  const me: StaffDto | undefined = query.data;
  return { ...query, me, isOwner: me?.role === 'owner' };
}
