import { rollingOriginBacktest } from './evaluation/backtest';
import { MethodContext } from './methods/context';
import { classifyDemand } from './methods/demand-class';
import { runMethod } from './methods/registry';
import type {
  DemandClassification,
  ForecastInput,
  ForecastOptions,
  ForecastResult,
  MethodForecast,
  MethodName,
} from './types';
import { METHOD_NAMES } from './types';

function validate(input: ForecastInput): void {
  const { y, period, horizon } = input;
  if (!(y instanceof Float64Array)) throw new TypeError('forecast: y must be a Float64Array');
  if (y.length === 0) throw new RangeError('forecast: the history is empty');
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`forecast: y[${i}] is not a finite number`);
  }
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError('forecast: period must be an integer ≥ 1');
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new RangeError('forecast: horizon must be an integer ≥ 1');
  const method = input.method ?? 'auto';
  if (!METHOD_NAMES.includes(method)) throw new RangeError(`forecast: unknown method "${method}"`);
}

function clipAtZero(fc: MethodForecast): MethodForecast {
  for (const values of [fc.mean, fc.lower80, fc.upper80, fc.lower95, fc.upper95]) {
    for (let i = 0; i < values.length; i++) if (values[i]! < 0) values[i] = 0;
  }
  return fc;
}

/** One method on one history, with the non-negativity rule applied; no backtest. */
export function forecastOnce(
  y: Float64Array,
  period: number,
  horizon: number,
  method: MethodName,
  options: ForecastOptions,
  demand: DemandClassification = classifyDemand(y),
): MethodForecast {
  const ctx = new MethodContext(y, period, horizon, options);
  const fc = runMethod(method, ctx, demand);
  return options.nonNegative === false ? fc : clipAtZero(fc);
}

/**
 * Forecasts one series: point forecasts and 80%/95% prediction intervals for `horizon` steps, the model
 * and its parameters, and (with `options.backtest`) rolling-origin accuracy of the same method.
 * Synchronous and pure: meant to be called per series from a worker.
 */
export function forecast(input: ForecastInput): ForecastResult {
  validate(input);
  const { y, period, horizon } = input;
  const method = input.method ?? 'auto';
  const options = input.options ?? {};
  const demand = classifyDemand(y);
  const fc = forecastOnce(y, period, horizon, method, options, demand);
  const result: ForecastResult = { ...fc, method, horizon, period, seasonal: fc.seasonal ?? false, demand };
  if (options.backtest === undefined) return result;
  const backtestHorizon = options.backtest.horizon ?? horizon;
  const backtest = rollingOriginBacktest(
    y,
    period,
    (train, h) => forecastOnce(train, period, h, method, options),
    { ...options.backtest, horizon: backtestHorizon },
  );
  return { ...result, backtest };
}
