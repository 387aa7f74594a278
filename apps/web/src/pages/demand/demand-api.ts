import {
  type AdjustmentVersion,
  adjustmentHistoryResponse,
  adjustmentVersion,
  type ForecastAdjustmentBody,
  type ForecastGranularityName,
  forecastResponse,
  requestForecastRunResponse,
  type SeriesRef,
} from '@sentia/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson, sendJson } from '../../api/fetch-json';

/** While a run is computing, the page asks again this often and shows the new forecast when it lands. */
export const RUN_POLL_MS = 3_000;

/** `query` is forecastApiQuery(…): the series, granularity and history period. */
export const forecastQuery = (query: string) =>
  queryOptions({
    queryKey: ['forecasts', query],
    queryFn: ({ signal }) => fetchJson(`/api/forecasts?${query}`, forecastResponse, { signal }),
    // Drilling down keeps the previous chart on screen (marked as updating) until the next one arrives.
    placeholderData: keepPreviousData,
    refetchInterval: (q) => {
      const data = q.state.data;
      return data && (data.activeRun || data.state === 'not-yet') ? RUN_POLL_MS : false;
    },
  });

function seriesParams(series: SeriesRef, granularity: ForecastGranularityName): URLSearchParams {
  const params = new URLSearchParams({ level: series.level, granularity });
  if (series.sku) params.set('sku', series.sku);
  if (series.channel) params.set('channel', series.channel);
  if (series.region) params.set('region', series.region);
  return params;
}

export const adjustmentHistoryQuery = (series: SeriesRef, granularity: ForecastGranularityName) =>
  queryOptions({
    queryKey: ['forecasts', 'adjustments', series.key, granularity],
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/forecasts/adjustments?${seriesParams(series, granularity)}`,
        adjustmentHistoryResponse,
        {
          signal,
        },
      ),
  });

export function saveAdjustment(input: {
  series: SeriesRef;
  granularity: ForecastGranularityName;
  baseVersion: number;
  adjustment: ForecastAdjustmentBody;
  note?: string;
}): Promise<AdjustmentVersion> {
  const { series, granularity, baseVersion, adjustment, note } = input;
  return sendJson(
    'POST',
    '/api/forecasts/adjustments',
    {
      level: series.level,
      ...(series.sku ? { sku: series.sku } : {}),
      ...(series.channel ? { channel: series.channel } : {}),
      ...(series.region ? { region: series.region } : {}),
      granularity,
      baseVersion,
      adjustment,
      ...(note ? { note } : {}),
    },
    adjustmentVersion,
  );
}

export function requestForecastRun() {
  return sendJson('POST', '/api/forecasts/runs', undefined, requestForecastRunResponse);
}
