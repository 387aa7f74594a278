/**
 * Classical decomposition as R's `decompose()`: a centred moving average of order m (2×m for even m) as the
 * trend, the ratios (or differences) to it averaged per position in the cycle, normalised to mean 1 (or 0).
 * Positions are counted from the first observation: index i belongs to position i mod m.
 */

export type DecompositionType = 'additive' | 'multiplicative';

/** Seasonal indices (length m). Needs n ≥ 2m; returns null otherwise or when the trend has a zero. */
export function seasonalIndices(
  y: Float64Array,
  period: number,
  type: DecompositionType,
): Float64Array | null {
  const n = y.length;
  const m = period;
  if (m <= 1 || n < 2 * m) return null;
  const even = m % 2 === 0;
  const half = even ? m / 2 : (m - 1) / 2;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let i = half; i < n - half; i++) {
    let trend = 0;
    if (even) {
      trend = 0.5 * (y[i - half]! + y[i + half]!);
      for (let k = -half + 1; k < half; k++) trend += y[i + k]!;
    } else {
      for (let k = -half; k <= half; k++) trend += y[i + k]!;
    }
    trend /= m;
    let ratio: number;
    if (type === 'additive') ratio = y[i]! - trend;
    else {
      if (trend === 0) return null;
      ratio = y[i]! / trend;
    }
    const pos = i % m;
    sums[pos] = sums[pos]! + ratio;
    counts[pos] = counts[pos]! + 1;
  }
  const figure = new Float64Array(m);
  let total = 0;
  for (let p = 0; p < m; p++) {
    figure[p] = sums[p]! / counts[p]!;
    total += figure[p]!;
  }
  const avg = total / m;
  for (let p = 0; p < m; p++) figure[p] = type === 'additive' ? figure[p]! - avg : figure[p]! / avg;
  return figure;
}

/** The series with the seasonal component removed (divided out or subtracted). */
export function deseasonalize(y: Float64Array, indices: Float64Array, type: DecompositionType): Float64Array {
  const m = indices.length;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const s = indices[i % m]!;
    out[i] = type === 'additive' ? y[i]! - s : y[i]! / s;
  }
  return out;
}

/**
 * Puts the seasonal component back into values that follow an n-point history: values[j] is at time n + j.
 * Works in place and returns its argument.
 */
export function reseasonalize(
  values: Float64Array,
  n: number,
  indices: Float64Array,
  type: DecompositionType,
): Float64Array {
  const m = indices.length;
  for (let j = 0; j < values.length; j++) {
    const s = indices[(n + j) % m]!;
    values[j] = type === 'additive' ? values[j]! + s : values[j]! * s;
  }
  return values;
}
