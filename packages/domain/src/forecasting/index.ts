/**
 * Demand forecasting engine: pure, synchronous functions on Float64Arrays.
 *
 * `forecast({ y, period, horizon, method, options })` is the entry point; the rest is exported for
 * evaluation, tests and callers that need a single building block.
 */

export { type EtsFit, type EtsFitOptions, type EtsStart, fitEts } from './ets/ets-fit';
export { etsIntervals, etsPointForecast } from './ets/ets-forecast';
export {
  type EtsFamily,
  type EtsSelectOptions,
  etsCandidates,
  fitEtsFamily,
  selectEts,
} from './ets/ets-select';
export { type EtsSpec, etsName, parseEtsSpec } from './ets/ets-spec';
export { bias, coverage, mase, maseScale, smape, smapeTerm } from './evaluation/accuracy';
export { type Forecaster, rollingOriginBacktest } from './evaluation/backtest';
export { forecast, forecastOnce } from './forecast';
export { combineForecasts, DEFAULT_MEMBERS } from './methods/combination';
export { crostonRun } from './methods/croston';
export { classifyDemand } from './methods/demand-class';
export { tsbRun } from './methods/tsb';
export { seasonalIndices } from './seasonality/decomposition';
export { type SeasonalAdjustment, seasonalAdjustment } from './seasonality/seasonal-adjustment';
export { seasonalityTest } from './seasonality/seasonality-test';
export * from './types';
export { nelderMead } from './util/nelder-mead';
