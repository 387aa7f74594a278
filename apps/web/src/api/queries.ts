import { filterOptionsResponse, overviewResponse, statusResponse } from '@sentia/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';

/** Filter choices change only when catalogue data does; they are cheap to keep for a while. */
export const filterOptionsQuery = () =>
  queryOptions({
    queryKey: ['overview', 'filters'],
    queryFn: ({ signal }) => fetchJson('/api/overview/filters', filterOptionsResponse, { signal }),
    staleTime: 5 * 60_000,
  });

/** `query` is the resolved filter query string (see apiQuery), which is also the cache key. */
export const overviewQuery = (query: string) =>
  queryOptions({
    queryKey: ['overview', query],
    queryFn: ({ signal }) => fetchJson(`/api/overview?${query}`, overviewResponse, { signal }),
    // While new filters load, the previous figures stay (marked as updating) instead of blanking.
    placeholderData: keepPreviousData,
  });

export const STATUS_REFRESH_MS = 10_000;

export const statusQuery = () =>
  queryOptions({
    queryKey: ['status'],
    // 503 carries the same report, with the failing dependencies in it.
    queryFn: ({ signal }) => fetchJson('/api/status', statusResponse, { signal, acceptStatuses: [503] }),
    staleTime: 0,
    refetchInterval: STATUS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
