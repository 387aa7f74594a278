import type { GlobalFilters } from '@sentia/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { localToday } from '../format/date';
import {
  apiQuery,
  filterSearch,
  type Period,
  parseFilters,
  resolvePeriod,
  writeFilters,
} from './filters-url';

export interface GlobalFiltersState {
  /** The filters as they stand in the URL. */
  filters: GlobalFilters;
  /** The period every page shows (the URL's, or the default preset's). */
  period: Period;
  /** The API query string for these filters; also a good cache key. */
  query: string;
  /** "?from=…" to carry the filters onto a link, or ''. */
  search: string;
  today: string;
  /** `replace` corrects the URL without adding a history entry. */
  setFilters: (next: GlobalFilters, options?: { replace?: boolean }) => void;
}

/** Every page reads the global filters from here; the URL is the only store, so views bookmark. */
export function useGlobalFilters(): GlobalFiltersState {
  const [params, setParams] = useSearchParams();
  const today = localToday();
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the identity of the params
  const filters = useMemo(() => parseFilters(params), [key]);
  const setFilters = useCallback(
    (next: GlobalFilters, options?: { replace?: boolean }) =>
      setParams((previous) => writeFilters(next, previous), { replace: options?.replace ?? false }),
    [setParams],
  );
  return {
    filters,
    period: resolvePeriod(filters, today),
    query: apiQuery(filters, today),
    search: filterSearch(filters),
    today,
    setFilters,
  };
}
