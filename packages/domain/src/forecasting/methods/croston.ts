import type { MethodForecast } from '../types';
import type { MethodContext } from './context';
import { empiricalIntervals } from './empirical-intervals';

export type CrostonVariant = 'croston' | 'sba';

/** Smoothing constants tried when `intermittent.optimize` is set. */
export const INTERMITTENT_GRID = [0.05, 0.1, 0.15, 0.2, 0.3] as const;

/**
 * Croston's method (1972) as R's `croston()`: demand sizes z and inter-demand intervals p are smoothed
 * separately, each starting at its first value and updated only in periods with demand; the forecast is
 * z/p. SBA (Syntetos & Boylan 2005) multiplies it by (1 − α/2) to remove Croston's bias.
 * `origin` (optional) receives the flat forecast made after each period (NaN before the first demand).
 * Returns the final forecast, 0 when there has been no demand.
 */
export function crostonRun(
  y: Float64Array,
  alpha: number,
  variant: CrostonVariant,
  origin?: Float64Array,
): number {
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  let z = Number.NaN;
  let p = Number.NaN;
  let last = -1;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (v !== 0) {
      const q = t - last;
      if (last < 0) {
        z = v;
        p = q;
      } else {
        z += alpha * (v - z);
        p += alpha * (q - p);
      }
      last = t;
    }
    if (origin !== undefined) origin[t] = last < 0 ? Number.NaN : (factor * z) / p;
  }
  return last < 0 ? 0 : (factor * z) / p;
}

function oneStepMse(y: Float64Array, origin: Float64Array): number {
  let sse = 0;
  let count = 0;
  for (let t = 0; t + 1 < y.length; t++) {
    const f = origin[t]!;
    if (!Number.isFinite(f)) continue;
    const e = y[t + 1]! - f;
    sse += e * e;
    count++;
  }
  return count > 0 ? sse / count : Number.POSITIVE_INFINITY;
}

/** Croston or SBA with empirical intervals. */
export function crostonMethod(ctx: MethodContext, variant: CrostonVariant): MethodForecast {
  const y = ctx.y;
  const options = ctx.options.intermittent ?? {};
  const origin = new Float64Array(y.length);
  let alpha = options.alpha ?? 0.1;
  if (options.optimize === true && options.alpha === undefined) {
    let best = Number.POSITIVE_INFINITY;
    for (const a of INTERMITTENT_GRID) {
      crostonRun(y, a, variant, origin);
      const mse = oneStepMse(y, origin);
      if (mse < best) {
        best = mse;
        alpha = a;
      }
    }
  }
  const level = crostonRun(y, alpha, variant, origin);
  const mean = new Float64Array(ctx.horizon).fill(level);
  return {
    model: variant === 'sba' ? 'SBA' : 'Croston',
    mean,
    ...empiricalIntervals(y, origin, mean),
    params: { alpha },
  };
}
