import { createHash } from 'node:crypto';
import { forecast } from '@sentia/domain';

/** Revenue is forecast in 4-week periods: 13 a year, a season length the engine's ETS models well. */
export const PERIOD_DAYS = 28;
/** Fewer complete 4-week periods than this and a channel's sales are not forecast (the page says so). */
export const MIN_HISTORY_PERIODS = 4;
/** Yearly seasonality is modelled once two full years are known. */
const SEASONAL_HISTORY_PERIODS = 26;

export interface WeeklyHistory {
  code: string;
  /** GBP minor units per complete week, oldest first, the last week ending on asOf. */
  weekly: readonly number[];
}

export interface ChannelSalesForecast {
  code: string;
  /** The engine's model, or null when the history was too short to forecast. */
  model: string | null;
  historyWeeks: number;
  /** Forecast GBP revenue (minor units) per future 4-week period. */
  periods: number[];
}

/**
 * Forecast GBP revenue per channel with the forecasting engine's "auto" method (ETS and Theta
 * combined) on 4-week totals — 13 periods a year, seasonal once two years are known. Weekly data
 * with a 52-week season fits poorly (ETS handles seasons up to 24; non-seasonal members then carry
 * the latest peak forward), so the weeks are summed in fours. This stands in for the
 * demand-forecasting feature's stored forecasts until they land. Results are memoised by the exact
 * history, so a page refresh does not refit; new sales data gives a new key.
 */
export function forecastChannelSales(
  history: readonly WeeklyHistory[],
  periods: number,
): ChannelSalesForecast[] {
  return history.map((channel) => {
    // Whole 4-week blocks ending on asOf; weeks before the channel's first sale are not history.
    const blocks: number[] = [];
    for (let end = channel.weekly.length; end - 4 >= 0; end -= 4) {
      blocks.unshift(channel.weekly.slice(end - 4, end).reduce((sum, v) => sum + v, 0));
    }
    const first = blocks.findIndex((v) => v !== 0);
    const series = first < 0 ? [] : blocks.slice(first);
    if (series.length < MIN_HISTORY_PERIODS) {
      return { code: channel.code, model: null, historyWeeks: series.length * 4, periods: [] };
    }
    const period = series.length >= SEASONAL_HISTORY_PERIODS ? 13 : 1;
    const key = cacheKey(channel.code, period, periods, series);
    const cached = CACHE.get(key);
    if (cached) return cached;
    const result = forecast({ y: Float64Array.from(series), period, horizon: periods, method: 'auto' });
    const value: ChannelSalesForecast = {
      code: channel.code,
      model: result.model,
      historyWeeks: series.length * 4,
      periods: Array.from(result.mean, (v) => Math.max(0, Math.round(v))),
    };
    remember(key, value);
    return value;
  });
}

const CACHE = new Map<string, ChannelSalesForecast>();
const CACHE_SIZE = 64;

function remember(key: string, value: ChannelSalesForecast): void {
  if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(key, value);
}

function cacheKey(code: string, period: number, weeks: number, series: readonly number[]): string {
  const hash = createHash('sha256').update(series.join(',')).digest('hex');
  return `${code}|${period}|${weeks}|${hash}`;
}

/** An amount spread over `days` days in whole minor units (the remainder on the first days). */
export function spreadEvenly(totalMinor: number, days: number): number[] {
  const base = Math.floor(totalMinor / days);
  const remainder = totalMinor - base * days;
  return Array.from({ length: days }, (_, i) => base + (i < remainder ? 1 : 0));
}
