import { useSyncExternalStore } from 'react';
import { tokenPairSchema, type StaffLogin } from '../../../core/contracts/accounts';
import { apiClient } from '../api/api-client';
import { authStore, type Session } from './auth-store';

/** The current session (null when signed out); re-renders on sign-in, sign-out and refresh. */
export const useSession = (): Session | null => useSyncExternalStore(authStore.subscribe, authStore.snapshot);

export async function signIn(username: string, password: string): Promise<void> {
  // The server validates (and lower-cases the username); the form only checks that both are filled.
  const body: StaffLogin = { username, password };
  const tokens = await apiClient.post('/admin/api/auth/login', { body, schema: tokenPairSchema });
  authStore.signIn(tokens);
}

/** Revokes the refresh token on the server; the local session goes even if the server is unreachable. */
export async function signOut(): Promise<void> {
  const refreshToken = authStore.current?.refreshToken;
  authStore.signOut();
  if (refreshToken)
    await apiClient.post('/admin/api/auth/logout', { body: { refreshToken } }).catch(() => undefined);
}
