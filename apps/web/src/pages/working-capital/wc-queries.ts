import {
  ageingResponse,
  type CashHorizonValue,
  cashForecastResponse,
  meResponse,
  scenarioListResponse,
  workingCapitalSettingsResponse,
  workingCapitalSummaryResponse,
} from '@sentia/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../api/fetch-json';

export const summaryQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['working-capital', 'summary', from, to],
    queryFn: ({ signal }) =>
      fetchJson(`/api/working-capital/summary?from=${from}&to=${to}`, workingCapitalSummaryResponse, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const ageingQuery = (type: 'receivable' | 'payable') =>
  queryOptions({
    queryKey: ['working-capital', 'ageing', type],
    queryFn: ({ signal }) =>
      fetchJson(`/api/working-capital/ageing?type=${type}`, ageingResponse, { signal }),
  });

/** The scenario's adjustments are applied in the browser, so one forecast per horizon serves them all. */
export const cashForecastQuery = (horizon: CashHorizonValue) =>
  queryOptions({
    queryKey: ['working-capital', 'cash-forecast', horizon],
    queryFn: ({ signal }) =>
      fetchJson(`/api/cash-forecast?horizon=${horizon}`, cashForecastResponse, { signal }),
    placeholderData: keepPreviousData,
  });

export const scenariosQuery = () =>
  queryOptions({
    queryKey: ['working-capital', 'scenarios'],
    queryFn: ({ signal }) => fetchJson('/api/scenarios', scenarioListResponse, { signal }),
  });

export const settingsQuery = () =>
  queryOptions({
    queryKey: ['working-capital', 'settings'],
    queryFn: ({ signal }) =>
      fetchJson('/api/working-capital/settings', workingCapitalSettingsResponse, { signal }),
  });

/** Who is signed in and what their role grants, to offer only the actions they can take. */
export const whoAmIQuery = () =>
  queryOptions({
    queryKey: ['working-capital', 'me'],
    queryFn: ({ signal }) => fetchJson('/api/auth/me', meResponse, { signal }),
    staleTime: 5 * 60_000,
  });
