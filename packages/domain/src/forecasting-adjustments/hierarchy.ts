import type { AdjustedPath, ForecastPath } from './adjustment';

/**
 * Adjustments across the hierarchy. An adjustment made on a total applies to every series under it,
 * so adjusted forecasts add up as the statistical ones do: each bottom series is multiplied by the
 * factors of every adjusted series it belongs to (itself and each total above it), and a total's
 * adjusted forecast is the sum of its adjusted bottom series.
 *
 * Since a series' own factors multiply all of its bottom series alike, its adjusted forecast is its
 * "inherited" forecast (every other adjustment applied, its own not) times its own factors — which is
 * how the page previews a change with the same arithmetic the server uses.
 */
export interface AdjustableNode {
  /** Positions of the bottom series the node sums. */
  readonly bottom: ArrayLike<number>;
}

/**
 * Bottom-level forecasts with the factors of the adjusted nodes applied (`exclude`: a node whose own
 * factors are left out).
 */
export function adjustBottomSeries(
  bottomMeans: readonly ArrayLike<number>[],
  nodes: readonly AdjustableNode[],
  factorsByNode: ReadonlyMap<number, ArrayLike<number>>,
  exclude?: number,
): Float64Array[] {
  const out = bottomMeans.map((values) => Float64Array.from(values));
  for (const [node, factors] of factorsByNode) {
    if (node === exclude) continue;
    const positions = nodes[node]!.bottom;
    for (let p = 0; p < positions.length; p++) {
      const series = out[positions[p]!]!;
      if (factors.length !== series.length) throw new RangeError('adjustBottomSeries: horizon mismatch');
      for (let h = 0; h < series.length; h++) series[h] = series[h]! * factors[h]!;
    }
  }
  return out;
}

/** A node's forecast as the sum of its bottom series. */
export function sumBottom(node: AdjustableNode, bottomValues: readonly ArrayLike<number>[]): Float64Array {
  const horizon = bottomValues[node.bottom[0]!]?.length ?? 0;
  const out = new Float64Array(horizon);
  for (let p = 0; p < node.bottom.length; p++) {
    const series = bottomValues[node.bottom[p]!]!;
    for (let h = 0; h < horizon; h++) out[h] = out[h]! + series[h]!;
  }
  return out;
}

/**
 * The path moved to a new point forecast, its bounds scaled in proportion (shifted where the old point
 * is zero), so the interval keeps its relative width.
 */
export function rescalePath(path: ForecastPath, mean: ArrayLike<number>): AdjustedPath {
  const horizon = path.mean.length;
  const out: AdjustedPath = {
    mean: Float64Array.from(mean),
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
  for (let h = 0; h < horizon; h++) {
    const from = path.mean[h]!;
    const to = mean[h]!;
    const move = (v: number) => (from > 0 ? (v * to) / from : v + (to - from));
    out.lower80[h] = Math.max(0, Math.min(to, move(path.lower80[h]!)));
    out.upper80[h] = Math.max(to, move(path.upper80[h]!));
    out.lower95[h] = Math.max(0, Math.min(out.lower80[h]!, move(path.lower95[h]!)));
    out.upper95[h] = Math.max(out.upper80[h]!, move(path.upper95[h]!));
  }
  return out;
}
