import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/**
 * Cached data is shown at once and refreshed in the background: a short staleTime keeps a
 * revisited page instant without serving old figures for long, and gcTime keeps recent views
 * cached while someone flips between filters.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => failureCount < 2 && (!isApiError(error) || error.retryable),
      },
    },
  });
}
