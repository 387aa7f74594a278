/**
 * Small dense linear algebra for reconciliation: Cholesky solves and the Lawson–Hanson active-set
 * method for min ½·bᵀAb − rᵀb subject to b ≥ 0 (non-negative least squares in normal-equation form).
 * A is symmetric positive definite, stored row-major in a Float64Array of n × n.
 */

/** Solves A[idx, idx] x = r[idx] by Cholesky; returns x (same order as idx), or null if A is not SPD there. */
export function choleskySolve(
  a: Float64Array,
  n: number,
  r: Float64Array,
  idx: readonly number[],
): Float64Array | null {
  const k = idx.length;
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[idx[i]! * n + idx[j]!]!;
      for (let p = 0; p < j; p++) sum -= l[i * k + p]! * l[j * k + p]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j]!;
      }
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = r[idx[i]!]!;
    for (let p = 0; p < i; p++) sum -= l[i * k + p]! * z[p]!;
    z[i] = sum / l[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let p = i + 1; p < k; p++) sum -= l[p * k + i]! * x[p]!;
    x[i] = sum / l[i * k + i]!;
  }
  return x;
}

/**
 * Lawson–Hanson non-negative least squares on the normal equations: the exact minimiser of the
 * quadratic over b ≥ 0. Starts from the unconstrained solution, which is usually already feasible.
 */
export function nonNegativeSolve(a: Float64Array, n: number, r: Float64Array): Float64Array {
  const all = Array.from({ length: n }, (_, i) => i);
  const unconstrained = choleskySolve(a, n, r, all);
  if (unconstrained === null) throw new RangeError('reconciliation: the weighted summing matrix is singular');
  if (unconstrained.every((v) => v >= 0)) return unconstrained;

  const tolerance = 1e-10 * Math.max(1, ...Array.from(r, Math.abs));
  const b = new Float64Array(n);
  const free = new Set<number>();
  const gradient = (): Float64Array => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = r[i]!;
      for (let j = 0; j < n; j++) sum -= a[i * n + j]! * b[j]!;
      w[i] = sum;
    }
    return w;
  };
  for (let outer = 0; outer < 3 * n + 10; outer++) {
    const w = gradient();
    let best = -1;
    for (let i = 0; i < n; i++)
      if (!free.has(i) && w[i]! > tolerance && (best < 0 || w[i]! > w[best]!)) best = i;
    if (best < 0) break;
    free.add(best);
    for (let inner = 0; inner < 3 * n + 10; inner++) {
      const idx = [...free].sort((x, y) => x - y);
      const s = choleskySolve(a, n, r, idx);
      if (s === null) throw new RangeError('reconciliation: the weighted summing matrix is singular');
      if (s.every((v) => v > 0)) {
        idx.forEach((i, p) => {
          b[i] = s[p]!;
        });
        break;
      }
      // Step from b towards s as far as feasibility allows, then release the variables that hit zero.
      let alpha = 1;
      idx.forEach((i, p) => {
        if (s[p]! <= 0) alpha = Math.min(alpha, b[i]! / (b[i]! - s[p]!));
      });
      idx.forEach((i, p) => {
        b[i] = b[i]! + alpha * (s[p]! - b[i]!);
        if (b[i]! <= tolerance) {
          b[i] = 0;
          free.delete(i);
        }
      });
    }
  }
  return b;
}
