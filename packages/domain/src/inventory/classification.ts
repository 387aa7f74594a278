/** ABC classes by revenue share and XYZ classes by demand variability. */

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';

export interface AbcThresholds {
  /** Cumulative revenue share covered by class A (default 0.8). */
  a: number;
  /** Cumulative share covered by A and B together (default 0.95); the rest is C. */
  b: number;
}

export interface XyzThresholds {
  /** CV below this is X (default 0.5). */
  x: number;
  /** CV below this (and at least `x`) is Y (default 1.0); the rest is Z. */
  y: number;
}

export const DEFAULT_ABC_THRESHOLDS: AbcThresholds = { a: 0.8, b: 0.95 };
export const DEFAULT_XYZ_THRESHOLDS: XyzThresholds = { x: 0.5, y: 1.0 };

/**
 * Pareto (ABC) classification: items sorted by revenue, biggest first; an item is A while the revenue
 * share of the items before it is below `a`, B while it is below `b`, else C — so the item that crosses
 * a threshold still belongs to the class it completes, and the top seller is always A. Items without
 * revenue are C. Ties keep input order. (Silver, Pyke & Thomas 2017, ABC classification.)
 */
export function classifyAbc(
  items: readonly { key: string; revenue: number }[],
  thresholds: AbcThresholds = DEFAULT_ABC_THRESHOLDS,
): Map<string, AbcClass> {
  if (!(thresholds.a > 0 && thresholds.a <= thresholds.b && thresholds.b <= 1)) {
    throw new RangeError('ABC thresholds must satisfy 0 < a ≤ b ≤ 1');
  }
  const result = new Map<string, AbcClass>();
  const total = items.reduce((sum, item) => sum + Math.max(0, item.revenue), 0);
  const sorted = items
    .map((item, index) => ({ ...item, index }))
    .sort((x, y) => y.revenue - x.revenue || x.index - y.index);
  let before = 0;
  for (const item of sorted) {
    if (total <= 0 || item.revenue <= 0) {
      result.set(item.key, 'C');
      continue;
    }
    const shareBefore = before / total;
    result.set(item.key, shareBefore < thresholds.a ? 'A' : shareBefore < thresholds.b ? 'B' : 'C');
    before += item.revenue;
  }
  return result;
}

/** Coefficient of variation of per-period demand (population standard deviation ÷ mean); null without demand. */
export function coefficientOfVariation(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean <= 0) return null;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

/** X below `x`, Y below `y`, else Z; demand without a mean (none at all) is Z: it cannot be predicted. */
export function classifyXyz(cv: number | null, thresholds: XyzThresholds = DEFAULT_XYZ_THRESHOLDS): XyzClass {
  if (!(thresholds.x > 0 && thresholds.x <= thresholds.y)) {
    throw new RangeError('XYZ thresholds must satisfy 0 < x ≤ y');
  }
  if (cv === null || !Number.isFinite(cv)) return 'Z';
  return cv < thresholds.x ? 'X' : cv < thresholds.y ? 'Y' : 'Z';
}

/** Counts per ABC × XYZ cell, every cell present (zero when empty). */
export function abcXyzMatrix(
  items: readonly { abc: AbcClass; xyz: XyzClass }[],
): Record<AbcClass, Record<XyzClass, number>> {
  const matrix: Record<AbcClass, Record<XyzClass, number>> = {
    A: { X: 0, Y: 0, Z: 0 },
    B: { X: 0, Y: 0, Z: 0 },
    C: { X: 0, Y: 0, Z: 0 },
  };
  for (const item of items) matrix[item.abc][item.xyz] += 1;
  return matrix;
}
