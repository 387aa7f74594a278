import { type DecompositionType, deseasonalize, seasonalIndices } from './decomposition';
import { type SeasonalityTestResult, type SeasonalityTestSeries, seasonalityTest } from './seasonality-test';

/**
 * The outcome of testing a series for seasonality and, when seasonal, removing it by classical
 * decomposition: multiplicative for positive data (as in M3), additive when the series has zeros or
 * negative values (a multiplicative index is undefined there).
 */
export interface SeasonalAdjustment {
  readonly period: number;
  readonly seasonal: boolean;
  readonly type: DecompositionType;
  /** Seasonal indices by position from the first observation (all 1, or all 0, when not seasonal). */
  readonly indices: Float64Array;
  /** The seasonally adjusted series (the input itself when not seasonal). */
  readonly adjusted: Float64Array;
  readonly test: SeasonalityTestResult;
}

export interface SeasonalAdjustmentOptions {
  /** Run the 90% ACF test (default true); when false the series is treated as seasonal whenever m > 1. */
  readonly test?: boolean;
  /** Series the test is run on (default "levels", as R's `thetaf()`). */
  readonly testOn?: SeasonalityTestSeries;
}

function allPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (!(y[i]! > 0)) return false;
  return true;
}

export function seasonalAdjustment(
  y: Float64Array,
  period: number,
  options: SeasonalAdjustmentOptions = {},
): SeasonalAdjustment {
  const type: DecompositionType = allPositive(y) ? 'multiplicative' : 'additive';
  const test =
    options.test === false
      ? { seasonal: period > 1 && y.length >= 2 * period, acfAtPeriod: 0, statistic: 0 }
      : seasonalityTest(y, period, options.testOn ?? 'levels');
  const none = (): SeasonalAdjustment => ({
    period,
    seasonal: false,
    type,
    indices: new Float64Array(Math.max(period, 1)).fill(type === 'multiplicative' ? 1 : 0),
    adjusted: y,
    test,
  });
  if (!test.seasonal) return none();
  const indices = seasonalIndices(y, period, type);
  if (indices === null) return none();
  if (type === 'multiplicative') {
    for (let p = 0; p < indices.length; p++) if (Math.abs(indices[p]!) < 1e-4) return none();
  }
  return { period, seasonal: true, type, indices, adjusted: deseasonalize(y, indices, type), test };
}
