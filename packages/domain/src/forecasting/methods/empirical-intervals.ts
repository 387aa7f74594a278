import type { IntervalBounds } from '../types';
import { sortedQuantile } from '../util/stats';

/** Fewest errors at a horizon for its own quantiles; fewer borrow the previous horizon's. */
const MIN_ERRORS = 8;

/**
 * Intervals from the method's own in-sample errors, for methods without a stochastic model (Croston,
 * SBA, TSB). `origin[t]` is the flat forecast the method made after observing y[0..t] (NaN before it could
 * forecast); the h-step errors y[t+h] − origin[t] are collected for every t, and their 2.5/10/90/97.5%
 * quantiles are added to the point forecast. A horizon with too few errors reuses the previous one's.
 */
export function empiricalIntervals(
  y: Float64Array,
  origin: Float64Array,
  mean: Float64Array,
): IntervalBounds {
  const n = y.length;
  const horizon = mean.length;
  const bounds: IntervalBounds = {
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
  const errors = new Float64Array(n);
  let q025 = 0;
  let q10 = 0;
  let q90 = 0;
  let q975 = 0;
  for (let h = 1; h <= horizon; h++) {
    let count = 0;
    for (let t = 0; t + h < n; t++) {
      const f = origin[t]!;
      if (Number.isFinite(f)) errors[count++] = y[t + h]! - f;
    }
    if (count >= MIN_ERRORS || h === 1) {
      if (count > 0) {
        const sorted = errors.subarray(0, count).sort();
        q025 = sortedQuantile(sorted, 0.025);
        q10 = sortedQuantile(sorted, 0.1);
        q90 = sortedQuantile(sorted, 0.9);
        q975 = sortedQuantile(sorted, 0.975);
      }
    }
    const mu = mean[h - 1]!;
    bounds.lower95[h - 1] = mu + Math.min(q025, 0);
    bounds.lower80[h - 1] = mu + Math.min(q10, 0);
    bounds.upper80[h - 1] = mu + Math.max(q90, 0);
    bounds.upper95[h - 1] = mu + Math.max(q975, 0);
  }
  return bounds;
}
