/**
 * Accuracy measures shared by the backtests and the M3 benchmark, so both score forecasts the same way.
 */

/** 200·|y − f| / (|y| + |f|) for one point; 0 when both are 0. */
export function smapeTerm(actual: number, forecast: number): number {
  const denominator = Math.abs(actual) + Math.abs(forecast);
  return denominator === 0 ? 0 : (200 * Math.abs(actual - forecast)) / denominator;
}

/** sMAPE: the mean of {@link smapeTerm} over the points (as in M3/M4, in percent, 0–200). */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const n = Math.min(actual.length, forecast.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += smapeTerm(actual[i]!, forecast[i]!);
  return n > 0 ? sum / n : Number.NaN;
}

/**
 * The MASE scale: in-sample mean absolute error of the seasonal naive forecast with lag `period` (lag 1
 * when period ≤ 1 or the history is not longer than a season), as in M4.
 */
export function maseScale(train: ArrayLike<number>, period: number): number {
  const lag = period > 1 && train.length > period ? period : 1;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < train.length; t++) {
    sum += Math.abs(train[t]! - train[t - lag]!);
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}

/** Mean absolute error divided by `scale` (see {@link maseScale}). */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  const n = Math.min(actual.length, forecast.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return n > 0 ? sum / n / scale : Number.NaN;
}

/** Mean of forecast − actual: positive when the forecast is too high. */
export function bias(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const n = Math.min(actual.length, forecast.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += forecast[i]! - actual[i]!;
  return n > 0 ? sum / n : Number.NaN;
}

/** Share of actuals within [lower, upper]. */
export function coverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  const n = Math.min(actual.length, lower.length, upper.length);
  let inside = 0;
  for (let i = 0; i < n; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return n > 0 ? inside / n : Number.NaN;
}
