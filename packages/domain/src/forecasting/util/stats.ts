/** Small numeric helpers on typed arrays. None allocates unless it returns a new array. */

export function mean(y: Float64Array, from = 0, to = y.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += y[i]!;
  return to > from ? sum / (to - from) : Number.NaN;
}

/** True when every value equals the first (within a relative tolerance). */
export function isConstant(y: Float64Array, relTol = 1e-12): boolean {
  if (y.length === 0) return true;
  const first = y[0]!;
  const tol = relTol * Math.max(1, Math.abs(first));
  for (let i = 1; i < y.length; i++) if (Math.abs(y[i]! - first) > tol) return false;
  return true;
}

/**
 * Ordinary least squares of y[from..from+len) on x = x0, x0+1, …; writes [intercept, slope] into `out`
 * (intercept at x = 0).
 */
export function linearFit(
  y: Float64Array,
  from: number,
  len: number,
  x0: number,
  out: Float64Array,
): Float64Array {
  if (len <= 0) {
    out[0] = Number.NaN;
    out[1] = Number.NaN;
    return out;
  }
  if (len === 1) {
    out[0] = y[from]!;
    out[1] = 0;
    return out;
  }
  const xMean = x0 + (len - 1) / 2;
  let yMean = 0;
  for (let i = 0; i < len; i++) yMean += y[from + i]!;
  yMean /= len;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < len; i++) {
    const dx = x0 + i - xMean;
    sxy += dx * (y[from + i]! - yMean);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  out[0] = yMean - slope * xMean;
  out[1] = slope;
  return out;
}

/**
 * Sample autocorrelations r_1..r_maxLag as R's `acf()` computes them (mean-centred, denominator n), written
 * into out[0..maxLag). Returns zeros for a constant series.
 */
export function autocorrelations(y: Float64Array, maxLag: number, out: Float64Array): Float64Array {
  const n = y.length;
  const mu = mean(y);
  let c0 = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i]! - mu;
    c0 += d * d;
  }
  for (let k = 1; k <= maxLag; k++) {
    if (c0 === 0 || k >= n) {
      out[k - 1] = 0;
      continue;
    }
    let ck = 0;
    for (let i = 0; i + k < n; i++) ck += (y[i]! - mu) * (y[i + k]! - mu);
    out[k - 1] = ck / c0;
  }
  return out;
}

/** Quantile (type 7, as R's default) of an ascending-sorted array segment. */
export function sortedQuantile(sorted: Float64Array, p: number, from = 0, to = sorted.length): number {
  const len = to - from;
  if (len <= 0) return Number.NaN;
  const h = (len - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, len - 1);
  const a = sorted[from + lo]!;
  return a + (h - lo) * (sorted[from + hi]! - a);
}

/** Median of three numbers. */
export function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** Logistic function, used to map unconstrained optimiser coordinates into parameter bounds. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Inverse logistic, clamped away from ±∞. */
export function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
}
