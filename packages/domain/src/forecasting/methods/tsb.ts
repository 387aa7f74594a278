import type { MethodForecast } from '../types';
import type { MethodContext } from './context';
import { INTERMITTENT_GRID } from './croston';
import { empiricalIntervals } from './empirical-intervals';

/**
 * Teunter, Syntetos & Babai (2011): the probability of demand d is smoothed every period (towards 1 with
 * demand, towards 0 without, constant β), the demand size z only in periods with demand (constant α); the
 * forecast is d·z, so it decays when demand stops (obsolescence). Starts at the share of periods with
 * demand and the mean non-zero size. `origin` receives d·z after each period. Returns the final forecast.
 */
export function tsbRun(y: Float64Array, alpha: number, beta: number, origin?: Float64Array): number {
  const n = y.length;
  let count = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    if (y[t] !== 0) {
      count++;
      sum += y[t]!;
    }
  }
  if (count === 0) {
    origin?.fill(0);
    return 0;
  }
  let d = count / n;
  let z = sum / count;
  for (let t = 0; t < n; t++) {
    const v = y[t]!;
    if (v !== 0) {
      d += beta * (1 - d);
      z += alpha * (v - z);
    } else {
      d -= beta * d;
    }
    if (origin !== undefined) origin[t] = d * z;
  }
  return d * z;
}

export function tsbMethod(ctx: MethodContext): MethodForecast {
  const y = ctx.y;
  const options = ctx.options.intermittent ?? {};
  const origin = new Float64Array(y.length);
  let alpha = options.alpha ?? 0.1;
  let beta = options.beta ?? 0.1;
  if (options.optimize === true) {
    let best = Number.POSITIVE_INFINITY;
    const alphas = options.alpha === undefined ? INTERMITTENT_GRID : [alpha];
    const betas = options.beta === undefined ? INTERMITTENT_GRID : [beta];
    for (const a of alphas) {
      for (const b of betas) {
        tsbRun(y, a, b, origin);
        let sse = 0;
        for (let t = 0; t + 1 < y.length; t++) sse += (y[t + 1]! - origin[t]!) ** 2;
        if (sse < best) {
          best = sse;
          alpha = a;
          beta = b;
        }
      }
    }
  }
  const level = tsbRun(y, alpha, beta, origin);
  const mean = new Float64Array(ctx.horizon).fill(level);
  return { model: 'TSB', mean, ...empiricalIntervals(y, origin, mean), params: { alpha, beta } };
}
