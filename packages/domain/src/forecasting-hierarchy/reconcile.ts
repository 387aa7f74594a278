import { nonNegativeSolve } from './nnls';

/**
 * How base forecasts are made to add up across the hierarchy:
 * - `bottom-up`: the bottom series' own forecasts, summed into every total;
 * - `mint-wls`: MinT with a diagonal error covariance (weighted least squares, "variance scaling" of
 *   Wickramasuriya, Athanasopoulos & Hyndman 2019): every level's forecast informs the bottom one,
 *   each weighted by the inverse of its one-step forecast variance, solved with b ≥ 0 so demand is
 *   never negative (Lawson–Hanson), then summed up.
 */
export type ReconciliationMethod = 'bottom-up' | 'mint-wls';
export const RECONCILIATION_METHODS: readonly ReconciliationMethod[] = ['bottom-up', 'mint-wls'];

export interface ForecastBounds {
  readonly mean: Float64Array;
  readonly lower80: Float64Array;
  readonly upper80: Float64Array;
  readonly lower95: Float64Array;
  readonly upper95: Float64Array;
}

export interface ReconcileInput {
  /** For every node, the positions of the bottom series it sums (a bottom node lists only itself). */
  readonly nodes: readonly { readonly bottom: ArrayLike<number> }[];
  /** Node index of each bottom series. */
  readonly bottom: readonly number[];
  /** Base (independent) forecasts per node, all of the same horizon. */
  readonly base: readonly ForecastBounds[];
  readonly method: ReconciliationMethod;
}

/** z of the 80% two-sided interval. */
const Z80 = 1.2815515655446004;

/**
 * One-step forecast standard deviation implied by a base forecast's 80% interval: the wider side,
 * since a lower bound clipped at zero understates the spread.
 */
export function oneStepSigma(base: ForecastBounds): number {
  const up = base.upper80[0]! - base.mean[0]!;
  const down = base.mean[0]! - base.lower80[0]!;
  return Math.max(up, down, 0) / Z80;
}

/**
 * Coherent, non-negative forecasts for every node: each total equals the sum of its bottom series at
 * every step. Interval bounds keep each node's own width and move with its point forecast (never
 * below zero, never excluding the point).
 */
export function reconcileForecasts(input: ReconcileInput): ForecastBounds[] {
  const { nodes, bottom, base, method } = input;
  if (base.length !== nodes.length)
    throw new RangeError('reconcileForecasts: one base forecast per node is needed');
  const m = bottom.length;
  const horizon = base[0]?.mean.length ?? 0;
  const bottomPoints: Float64Array[] = Array.from({ length: horizon }, () => new Float64Array(m));
  if (method === 'bottom-up') {
    bottom.forEach((node, j) => {
      for (let h = 0; h < horizon; h++) bottomPoints[h]![j] = Math.max(0, base[node]!.mean[h]!);
    });
  } else {
    const weights = nodes.map((_, i) => {
      const sigma = oneStepSigma(base[i]!);
      // A series forecast with no spread (all zeros) is trusted strongly, but not infinitely.
      const floor = 1e-4 * (1 + Math.abs(base[i]!.mean[0]!));
      return 1 / Math.max(sigma, floor) ** 2;
    });
    const a = new Float64Array(m * m);
    nodes.forEach((node, i) => {
      const w = weights[i]!;
      for (let p = 0; p < node.bottom.length; p++)
        for (let q = 0; q < node.bottom.length; q++) {
          const cell = node.bottom[p]! * m + node.bottom[q]!;
          a[cell] = a[cell]! + w;
        }
    });
    for (let h = 0; h < horizon; h++) {
      const r = new Float64Array(m);
      nodes.forEach((node, i) => {
        const wy = weights[i]! * base[i]!.mean[h]!;
        for (let p = 0; p < node.bottom.length; p++) r[node.bottom[p]!] = r[node.bottom[p]!]! + wy;
      });
      bottomPoints[h] = nonNegativeSolve(a, m, r);
    }
  }
  return nodes.map((node, i) => {
    const own = base[i]!;
    const out = {
      mean: new Float64Array(horizon),
      lower80: new Float64Array(horizon),
      upper80: new Float64Array(horizon),
      lower95: new Float64Array(horizon),
      upper95: new Float64Array(horizon),
    };
    for (let h = 0; h < horizon; h++) {
      let point = 0;
      for (let p = 0; p < node.bottom.length; p++) point += bottomPoints[h]![node.bottom[p]!]!;
      const shift = point - own.mean[h]!;
      out.mean[h] = point;
      out.lower80[h] = Math.min(point, Math.max(0, own.lower80[h]! + shift));
      out.upper80[h] = Math.max(point, own.upper80[h]! + shift);
      out.lower95[h] = Math.min(out.lower80[h]!, Math.max(0, own.lower95[h]! + shift));
      out.upper95[h] = Math.max(out.upper80[h]!, own.upper95[h]! + shift);
    }
    return out;
  });
}
