/**
 * Nelder–Mead simplex minimiser on Float64Arrays (reflection 1, expansion 2, contraction ½, shrink ½),
 * with the convergence test of R's `optim()`: stop when the spread of the simplex values falls below
 * `tolerance · (|f_best| + tolerance)`. One restart from the best vertex is made by default, which guards
 * against the simplex collapsing on a face. The objective receives a scratch vector it must not keep.
 */

export type Objective = (x: Float64Array) => number;

export interface NelderMeadOptions {
  /** Maximum number of objective evaluations over all restarts (default 200·dim). */
  readonly maxEvaluations?: number;
  /** Relative convergence tolerance (default 1e-8). */
  readonly tolerance?: number;
  /** Initial step per coordinate, or one step for all (default 0.1·max(|x0_i|, 1)… see below). */
  readonly step?: number | Float64Array;
  /** Restarts after convergence (default 1). */
  readonly restarts?: number;
}

export interface NelderMeadResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
}

function safe(v: number): number {
  return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
}

export function nelderMead(
  f: Objective,
  x0: Float64Array,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const dim = x0.length;
  const maxEval = options.maxEvaluations ?? 200 * Math.max(dim, 1);
  const tol = options.tolerance ?? 1e-8;
  const restarts = options.restarts ?? 1;
  const best = Float64Array.from(x0);
  if (dim === 0) return { x: best, value: safe(f(best)), evaluations: 1 };

  const vertices = new Float64Array((dim + 1) * dim);
  const rows: Float64Array[] = [];
  for (let i = 0; i <= dim; i++) rows.push(vertices.subarray(i * dim, (i + 1) * dim));
  const values = new Float64Array(dim + 1);
  const centroid = new Float64Array(dim);
  const xr = new Float64Array(dim);
  const xe = new Float64Array(dim);
  const xc = new Float64Array(dim);
  const steps = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const s = options.step;
    steps[j] = s === undefined ? 0.1 * Math.max(Math.abs(x0[j]!), 1) : typeof s === 'number' ? s : s[j]!;
  }

  let evaluations = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    return safe(f(x));
  };

  for (let round = 0; round <= restarts && evaluations < maxEval; round++) {
    // Build the simplex around the current best point.
    for (let i = 0; i <= dim; i++) {
      const row = rows[i]!;
      row.set(best);
      if (i > 0) row[i - 1] = row[i - 1]! + steps[i - 1]!;
      values[i] = evaluate(row);
    }
    let converged = false;
    while (evaluations < maxEval) {
      // Find best (lo), worst (hi) and second worst (nh) vertices.
      let lo = 0;
      let hi = 0;
      for (let i = 1; i <= dim; i++) {
        if (values[i]! < values[lo]!) lo = i;
        if (values[i]! > values[hi]!) hi = i;
      }
      let nh = lo;
      for (let i = 0; i <= dim; i++) if (i !== hi && values[i]! > values[nh]!) nh = i;
      const fLo = values[lo]!;
      const fHi = values[hi]!;
      if (fHi - fLo <= tol * (Math.abs(fLo) + tol)) {
        converged = true;
        break;
      }
      centroid.fill(0);
      for (let i = 0; i <= dim; i++) {
        if (i === hi) continue;
        const row = rows[i]!;
        for (let j = 0; j < dim; j++) centroid[j] = centroid[j]! + row[j]!;
      }
      for (let j = 0; j < dim; j++) centroid[j] = centroid[j]! / dim;
      const worst = rows[hi]!;
      for (let j = 0; j < dim; j++) xr[j] = 2 * centroid[j]! - worst[j]!;
      const fr = evaluate(xr);
      if (fr < fLo) {
        for (let j = 0; j < dim; j++) xe[j] = 3 * centroid[j]! - 2 * worst[j]!;
        const fe = evaluate(xe);
        if (fe < fr) {
          worst.set(xe);
          values[hi] = fe;
        } else {
          worst.set(xr);
          values[hi] = fr;
        }
        continue;
      }
      if (fr < values[nh]!) {
        worst.set(xr);
        values[hi] = fr;
        continue;
      }
      // Contraction: outside if the reflection improved on the worst, inside otherwise.
      const outside = fr < fHi;
      for (let j = 0; j < dim; j++) {
        xc[j] = outside ? 0.5 * (centroid[j]! + xr[j]!) : 0.5 * (centroid[j]! + worst[j]!);
      }
      const fc = evaluate(xc);
      if (fc < (outside ? fr : fHi)) {
        worst.set(xc);
        values[hi] = fc;
        continue;
      }
      // Shrink towards the best vertex.
      const bestRow = rows[lo]!;
      for (let i = 0; i <= dim; i++) {
        if (i === lo) continue;
        const row = rows[i]!;
        for (let j = 0; j < dim; j++) row[j] = bestRow[j]! + 0.5 * (row[j]! - bestRow[j]!);
        values[i] = evaluate(row);
        if (evaluations >= maxEval) break;
      }
    }
    let lo = 0;
    for (let i = 1; i <= dim; i++) if (values[i]! < values[lo]!) lo = i;
    const improved = values[lo]! < bestValue;
    if (values[lo]! <= bestValue) {
      bestValue = values[lo]!;
      best.set(rows[lo]!);
    }
    if (!converged || (round > 0 && !improved)) break;
    // Smaller steps for the restart.
    for (let j = 0; j < dim; j++) steps[j] = steps[j]! * 0.5;
  }
  return { x: best, value: bestValue, evaluations };
}
