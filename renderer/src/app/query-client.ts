import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';

/**
 * Retries only what may pass on its own (network, 5xx, 429); a 4xx answer will not change by asking again.
 * No refetch on window focus: clerks switch between Mahak and the desk all day.
 */
export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < 2 &&
          !(isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429),
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
