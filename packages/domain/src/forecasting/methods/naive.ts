import { normalIntervals } from '../ets/ets-forecast';
import type { MethodForecast } from '../types';
import type { MethodContext } from './context';
import { reseasonalizeForecast } from './reseasonalize-forecast';

/**
 * Random walk with lag `lag`: ŷ_{n+h} = y_{n−lag+((h−1) mod lag)}. σ² is the mean squared in-sample
 * lag-difference; the h-step variance is σ²·(⌊(h−1)/lag⌋ + 1), as R's `naive()` and `snaive()`.
 */
export function laggedWalk(y: Float64Array, lag: number, horizon: number): MethodForecast {
  const n = y.length;
  const mean = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) mean[h - 1] = y[n - lag + ((h - 1) % lag)]!;
  let sse = 0;
  let count = 0;
  for (let t = lag; t < n; t++) {
    const d = y[t]! - y[t - lag]!;
    sse += d * d;
    count++;
  }
  const sigma2 = count > 0 ? sse / count : 0;
  const variance = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) variance[h - 1] = sigma2 * (Math.floor((h - 1) / lag) + 1);
  return {
    model: lag === 1 ? 'Naive' : 'Seasonal naive',
    mean,
    ...normalIntervals(mean, variance),
    params: { sigma: Math.sqrt(sigma2) },
  };
}

/** The last observed value, repeated. */
export function naiveMethod(ctx: MethodContext): MethodForecast {
  return laggedWalk(ctx.y, 1, ctx.horizon);
}

/** The last observed season, repeated (naive when the history is shorter than a season). */
export function seasonalNaiveMethod(ctx: MethodContext): MethodForecast {
  if (ctx.period <= 1 || ctx.n < ctx.period) return laggedWalk(ctx.y, 1, ctx.horizon);
  return laggedWalk(ctx.y, ctx.period, ctx.horizon);
}

/**
 * NAIVE2 of the M competitions: the naive forecast of the seasonally adjusted series (when the 90% test
 * finds seasonality), multiplied back by the seasonal indices.
 */
export function naive2Method(ctx: MethodContext): MethodForecast {
  const adj = ctx.seasonalAdjustment();
  const fc = laggedWalk(adj.adjusted, 1, ctx.horizon);
  return reseasonalizeForecast(
    { ...fc, model: adj.seasonal ? 'Naive2 (seasonally adjusted)' : 'Naive2' },
    adj,
    ctx.n,
  );
}
