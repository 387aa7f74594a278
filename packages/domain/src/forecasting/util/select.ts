import { median3 } from './stats';

/**
 * Rearranges a[from..to) so that a[k] holds the value it would have if the range were sorted, with no
 * larger value before it and no smaller value after it (Hoare's quickselect, median-of-three pivots).
 * Average O(n); in place.
 */
export function quickselect(a: Float64Array, k: number, from = 0, to = a.length): void {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot.
    const pivot = median3(a[lo]!, a[mid]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Type-7 quantiles (R's default) of a[from..to) for ascending probabilities, written into out. Reorders
 * the range; O(n) per quantile instead of a full sort.
 */
export function quantilesInPlace(
  a: Float64Array,
  probabilities: readonly number[],
  out: Float64Array,
  from = 0,
  to = a.length,
): Float64Array {
  const len = to - from;
  let start = from;
  for (let q = 0; q < probabilities.length; q++) {
    const h = (len - 1) * probabilities[q]!;
    const k = from + Math.floor(h);
    quickselect(a, k, start, to);
    const low = a[k]!;
    let high = low;
    if (k + 1 < to) {
      high = a[k + 1]!;
      for (let i = k + 2; i < to; i++) if (a[i]! < high) high = a[i]!;
    }
    out[q] = low + (h - Math.floor(h)) * (high - low);
    start = k;
  }
  return out;
}
