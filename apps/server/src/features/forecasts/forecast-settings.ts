import type { ForecastGranularity, ReconciliationMethod } from '@sentia/domain';

/** How far each run forecasts, and how its accuracy is measured (rolling-origin backtest). */
export const RUN_SETTINGS: Record<
  ForecastGranularity,
  { horizon: number; backtest: { origins: number; step: number; horizon: number } }
> = {
  // Half a year of weeks; accuracy over a quarter ahead from four origins a month apart.
  week: { horizon: 26, backtest: { origins: 4, step: 4, horizon: 13 } },
  // A year of months; accuracy over six months ahead from three consecutive origins.
  month: { horizon: 12, backtest: { origins: 3, step: 1, horizon: 6 } },
};

export const GRANULARITIES: readonly ForecastGranularity[] = ['week', 'month'];

/** The engine method every series is forecast with ("auto": ETS/Theta combination, Croston family when intermittent). */
export const RUN_METHOD = 'auto';

export const DEFAULT_RECONCILIATION: ReconciliationMethod = 'mint-wls';

/** Succeeded runs kept per granularity (older ones, with their series and values, are deleted). */
export const RUNS_KEPT = 5;
/** Failed runs are kept this long for diagnosis. */
export const FAILED_RUNS_KEPT_DAYS = 14;
/** A run still "running" after this long was abandoned by a stopped worker. */
export const ABANDONED_RUN_MINUTES = 60;
