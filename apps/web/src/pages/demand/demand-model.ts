import type {
  ForecastAdjustmentBody,
  ForecastBand,
  ForecastGranularityName,
  ForecastResponse,
  GlobalFilters,
  SeriesRef,
} from '@sentia/contracts';
import {
  type AdjustedPath,
  applyAdjustment,
  type ForecastAdjustment,
  type ForecastPath,
  isNeutralAdjustment,
  NEUTRAL_ADJUSTMENT,
} from '@sentia/domain';
import { formatCompactNumber, formatNumber } from '../../format/number';
import type { ChartAxis, ChartBand, ChartSeries } from '../../ui/chart-model';
import { PALETTE } from '../../ui/chart-model';

/** The page's own URL parameter beside the global filters: weekly or monthly forecasts. */
export const GRANULARITY_PARAM = 'granularity';

export function parseGranularity(value: string | null): ForecastGranularityName {
  return value === 'month' ? 'month' : 'week';
}

/** The API query for the series the filters name (the drill-down lives in the global filters). */
export function forecastApiQuery(filters: GlobalFilters, granularity: ForecastGranularityName): string {
  const params = new URLSearchParams();
  if (filters.region) params.set('region', filters.region);
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.sku) params.set('sku', filters.sku);
  params.set('granularity', granularity);
  if (filters.from && filters.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  return params.toString();
}

/** The global filters that open a series (a channel implies its region). */
export function filtersForSeries(series: SeriesRef, keep: GlobalFilters): GlobalFilters {
  const next: GlobalFilters = { from: keep.from, to: keep.to };
  if (series.region) next.region = series.region;
  if (series.channel) next.channel = series.channel;
  if (series.sku) next.sku = series.sku;
  return next;
}

/** Link to a series on this page, keeping the period and the granularity. */
export function seriesHref(
  series: SeriesRef,
  keep: GlobalFilters,
  granularity: ForecastGranularityName,
): string {
  const filters = filtersForSeries(series, keep);
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'region', 'channel', 'sku'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (granularity !== 'week') params.set(GRANULARITY_PARAM, granularity);
  const text = params.toString();
  return `/demand${text ? `?${text}` : ''}`;
}

const LEVEL_NAMES: Record<SeriesRef['level'], string> = {
  company: 'Company',
  region: 'Region',
  channel: 'Channel',
  sku: 'SKU',
  'sku-region': 'SKU in region',
  'sku-channel': 'SKU in channel',
};

export function levelName(level: SeriesRef['level']): string {
  return LEVEL_NAMES[level];
}

/** Breadcrumbs of the drill-down: Global → Region → Channel → SKU, each a link but the last. */
export function drillCrumbs(
  trail: readonly SeriesRef[],
  keep: GlobalFilters,
  granularity: ForecastGranularityName,
): { label: string; to?: string }[] {
  return trail.map((series, index) => ({
    label: series.level === 'company' ? 'Global' : series.label,
    ...(index < trail.length - 1 ? { to: seriesHref(series, keep, granularity) } : {}),
  }));
}

function pathOf(
  points: ForecastResponse['forecast'],
  pick: (p: ForecastResponse['forecast'][number]) => ForecastBand,
): ForecastPath {
  return {
    mean: points.map((p) => pick(p).mean),
    lower80: points.map((p) => pick(p).lower80),
    upper80: points.map((p) => pick(p).upper80),
    lower95: points.map((p) => pick(p).lower95),
    upper95: points.map((p) => pick(p).upper95),
  };
}

/**
 * The adjusted forecast for a draft adjustment, computed in the page with the same function the
 * server uses: the series' inherited forecast (other series' adjustments applied) times the draft's
 * factors. With the saved adjustment it reproduces the server's adjusted forecast exactly.
 */
export function previewAdjusted(data: ForecastResponse, draft: ForecastAdjustment): AdjustedPath {
  const inherited = pathOf(data.forecast, (p) => p.inherited);
  return applyAdjustment(inherited, draft, {
    periodStarts: data.forecast.map((p) => p.periodStart),
    seasonalIndex: data.forecast.map((p) => p.seasonalIndex),
    periodsPerYear: data.periodsPerYear,
  });
}

export function draftFrom(data: ForecastResponse): ForecastAdjustment {
  return data.adjustment?.adjustment ?? NEUTRAL_ADJUSTMENT;
}

export function sameAdjustment(a: ForecastAdjustment, b: ForecastAdjustment): boolean {
  if (a.growthPct !== b.growthPct || a.seasonalityStrength !== b.seasonalityStrength) return false;
  const key = (adjustment: ForecastAdjustment) =>
    adjustment.promotions
      .filter((p) => p.upliftPct !== 0)
      .map((p) => `${p.periodStart}:${p.upliftPct}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/** The body the API takes: promotions with no uplift are dropped, the rest sorted by period. */
export function adjustmentBody(draft: ForecastAdjustment): ForecastAdjustmentBody {
  return {
    growthPct: draft.growthPct,
    seasonalityStrength: draft.seasonalityStrength,
    promotions: draft.promotions
      .filter((p) => p.upliftPct !== 0)
      .map((p) => ({
        periodStart: p.periodStart,
        upliftPct: p.upliftPct,
        ...(p.label ? { label: p.label } : {}),
      }))
      .sort((x, y) => (x.periodStart < y.periodStart ? -1 : 1)),
  };
}

/** One line a planner reads: "+5% a year · seasonality 80% · 2 promotions" or "none". */
export function describeAdjustment(adjustment: ForecastAdjustment, locale: string): string {
  if (isNeutralAdjustment(adjustment)) return 'No adjustment';
  const parts: string[] = [];
  if (adjustment.growthPct !== 0)
    parts.push(`${adjustment.growthPct > 0 ? '+' : ''}${formatNumber(adjustment.growthPct, locale)}% a year`);
  if (adjustment.seasonalityStrength !== 1)
    parts.push(`seasonality ${formatNumber(Math.round(adjustment.seasonalityStrength * 100), locale)}%`);
  const promotions = adjustment.promotions.filter((p) => p.upliftPct !== 0).length;
  if (promotions > 0) parts.push(`${promotions} ${promotions === 1 ? 'promotion' : 'promotions'}`);
  return parts.join(' · ');
}

export interface DemandChartModel {
  x: string[];
  series: ChartSeries[];
  bands: ChartBand[];
  axes: { left: ChartAxis };
}

const HISTORY_COLOUR = PALETTE[6];
const FORECAST_COLOUR = PALETTE[0];
const ADJUSTED_COLOUR = PALETTE[1];

/**
 * History, statistical forecast with its 80% and 95% bands, and the adjusted forecast (shown when it
 * differs), on one time axis. Every plotted value is a real figure (the CSV export is exactly these).
 */
export function demandChartModel(
  data: ForecastResponse,
  adjusted: AdjustedPath,
  locale: string,
): DemandChartModel {
  const history = data.history;
  const forecast = data.forecast;
  const x = [...history.map((p) => p.periodStart), ...forecast.map((p) => p.periodStart)];
  const pad = (values: readonly number[]): (number | null)[] => [...history.map(() => null), ...values];
  const units = (v: number) => `${formatNumber(Math.round(v), locale)} units`;
  const statistical = forecast.map((p) => p.statistical.mean);
  const differs = forecast.some((p, h) => Math.abs(adjusted.mean[h]! - p.statistical.mean) > 1e-9);
  const series: ChartSeries[] = [
    {
      key: 'history',
      label: 'Actual units',
      axis: 'left',
      values: [...history.map((p) => p.units), ...forecast.map(() => null)],
      format: units,
      colour: HISTORY_COLOUR,
    },
    {
      key: 'statistical',
      label: 'Statistical forecast',
      axis: 'left',
      values: pad(statistical),
      format: units,
      colour: FORECAST_COLOUR,
    },
  ];
  if (differs) {
    series.push({
      key: 'adjusted',
      label: 'Adjusted forecast',
      axis: 'left',
      values: pad(Array.from(adjusted.mean)),
      format: units,
      colour: ADJUSTED_COLOUR,
    });
  }
  const bands: ChartBand[] = [
    {
      key: 'band95',
      label: '95% interval',
      axis: 'left',
      lower: pad(forecast.map((p) => p.statistical.lower95)),
      upper: pad(forecast.map((p) => p.statistical.upper95)),
      format: units,
      colour: '#56B4E9',
    },
    {
      key: 'band80',
      label: '80% interval',
      axis: 'left',
      lower: pad(forecast.map((p) => p.statistical.lower80)),
      upper: pad(forecast.map((p) => p.statistical.upper80)),
      format: units,
      colour: FORECAST_COLOUR,
    },
  ];
  return {
    x,
    series,
    bands,
    axes: { left: { label: 'Units', tick: (v) => formatCompactNumber(v, locale) } },
  };
}

/**
 * A short name for the fitted model, with the engine's full label kept as the detail:
 * "mean(ETS weighted [ETS(M,A,M)×0.93 + …], Theta (seasonally adjusted))" reads "ETS + Theta combination".
 */
export function modelHeadline(model: string): { headline: string; detail: string | null } {
  const combination = /^(mean|median)\(ETS weighted \[(.+)\], (Theta[^)]*\)?)\)$/.exec(model);
  if (combination) {
    const [, operator, members, theta] = combination;
    const parts = members!.split(' + ').map((part) => {
      const m = /^(.+)×([\d.]+)$/.exec(part);
      return m ? `${m[1]} ${Math.round(Number(m[2]) * 100)}%` : part;
    });
    // The engine lists ETS members by weight; the first three carry nearly all of it.
    const shown = parts.length > 3 ? [...parts.slice(0, 3), `${parts.length - 3} more`] : parts;
    return {
      headline: 'ETS + Theta combination',
      detail: `${operator === 'mean' ? 'Mean' : 'Median'} of ETS (weighted by AICc: ${shown.join(', ')}) and ${theta}`,
    };
  }
  return { headline: model, detail: null };
}

/** Sum over the forecast horizon. */
export function horizonTotal(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
