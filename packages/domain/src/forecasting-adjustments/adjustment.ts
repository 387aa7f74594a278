/**
 * Planner adjustments to a statistical forecast, as pure arithmetic the server and the page share:
 * the page previews with the same functions the API uses to serve the adjusted forecast.
 *
 * Every adjustment is a factor per forecast period, applied to the point forecast and its bounds:
 * - growth: `growthPct` a year, compounding from the forecast origin — period h (1-based) of a series
 *   with P periods a year is multiplied by (1 + g/100)^(h/P);
 * - seasonality strength: 1 keeps the forecast's seasonal swings, 0 flattens them to the seasonally
 *   adjusted level, 2 doubles them — with seasonal index s for the period, the factor is
 *   max(0, 1 + k·(s − 1)) / s;
 * - promotions: the chosen periods are multiplied by (1 + uplift/100).
 */
export interface ForecastPromotion {
  /** First day of the period (ISO week Monday or first of the month). */
  readonly periodStart: string;
  /** −100 (no sales) … 1000 (eleven times). */
  readonly upliftPct: number;
  readonly label?: string | undefined;
}

export interface ForecastAdjustment {
  /** Yearly growth in percent; 0 for none. */
  readonly growthPct: number;
  /** 0 … 2; 1 leaves the seasonality as forecast. */
  readonly seasonalityStrength: number;
  readonly promotions: readonly ForecastPromotion[];
}

export const NEUTRAL_ADJUSTMENT: ForecastAdjustment = {
  growthPct: 0,
  seasonalityStrength: 1,
  promotions: [],
};

/** True when the adjustment changes nothing. */
export function isNeutralAdjustment(adjustment: ForecastAdjustment): boolean {
  return (
    adjustment.growthPct === 0 &&
    adjustment.seasonalityStrength === 1 &&
    adjustment.promotions.every((p) => p.upliftPct === 0)
  );
}

/** Seasonal indices below this are treated as this (the factor stays below 100). */
export const MIN_SEASONAL_INDEX = 0.01;

export interface AdjustmentFrame {
  /** Period starts of the forecast steps, first forecast period first. */
  readonly periodStarts: readonly string[];
  /** Multiplicative seasonal index of each forecast step (1 where the series is not seasonal). */
  readonly seasonalIndex: ArrayLike<number>;
  /** 52 for weeks, 12 for months. */
  readonly periodsPerYear: number;
}

/** The factor each forecast step is multiplied by; never negative. */
export function adjustmentFactors(adjustment: ForecastAdjustment, frame: AdjustmentFrame): Float64Array {
  const { periodStarts, seasonalIndex, periodsPerYear } = frame;
  if (seasonalIndex.length !== periodStarts.length) {
    throw new RangeError('adjustmentFactors: one seasonal index per forecast period is needed');
  }
  const growth = 1 + adjustment.growthPct / 100;
  if (growth < 0) throw new RangeError('adjustmentFactors: growth below −100% a year');
  const k = adjustment.seasonalityStrength;
  if (!(k >= 0)) throw new RangeError('adjustmentFactors: seasonality strength must be ≥ 0');
  const promotions = new Map<string, number>();
  for (const promotion of adjustment.promotions) {
    const previous = promotions.get(promotion.periodStart) ?? 1;
    promotions.set(promotion.periodStart, previous * Math.max(0, 1 + promotion.upliftPct / 100));
  }
  const factors = new Float64Array(periodStarts.length);
  for (let h = 0; h < periodStarts.length; h++) {
    const growthFactor = growth ** ((h + 1) / periodsPerYear);
    const index = seasonalIndex[h]!;
    // A near-zero index would turn the factor into a huge multiplier of a near-zero forecast.
    const s = Math.max(index, MIN_SEASONAL_INDEX);
    const seasonFactor = index > 0 && Number.isFinite(index) ? Math.max(0, 1 + k * (s - 1)) / s : 1;
    factors[h] = growthFactor * seasonFactor * (promotions.get(periodStarts[h]!) ?? 1);
  }
  return factors;
}

export interface ForecastPath {
  readonly mean: ArrayLike<number>;
  readonly lower80: ArrayLike<number>;
  readonly upper80: ArrayLike<number>;
  readonly lower95: ArrayLike<number>;
  readonly upper95: ArrayLike<number>;
}

export interface AdjustedPath {
  readonly mean: Float64Array;
  readonly lower80: Float64Array;
  readonly upper80: Float64Array;
  readonly lower95: Float64Array;
  readonly upper95: Float64Array;
}

/** The path with every value multiplied by its step's factor (the bounds scale with the point). */
export function applyFactors(path: ForecastPath, factors: ArrayLike<number>): AdjustedPath {
  const scale = (values: ArrayLike<number>) => {
    if (values.length !== factors.length) throw new RangeError('applyFactors: one factor per step is needed');
    return Float64Array.from(values, (v, h) => Math.max(0, v * factors[h]!));
  };
  return {
    mean: scale(path.mean),
    lower80: scale(path.lower80),
    upper80: scale(path.upper80),
    lower95: scale(path.lower95),
    upper95: scale(path.upper95),
  };
}

/** The adjusted forecast of one series: its factors applied to its path. */
export function applyAdjustment(
  path: ForecastPath,
  adjustment: ForecastAdjustment,
  frame: AdjustmentFrame,
): AdjustedPath {
  return applyFactors(path, adjustmentFactors(adjustment, frame));
}
