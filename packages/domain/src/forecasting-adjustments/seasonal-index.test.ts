import { describe, expect, it } from 'vitest';
import { seasonalIndexForHorizon } from './seasonal-index';

describe('seasonalIndexForHorizon', () => {
  it('reads the multiplicative pattern of a seasonal history for the steps ahead', () => {
    const pattern = [0.6, 0.8, 1.4, 1.2];
    const y = Float64Array.from({ length: 24 }, (_, t) => 100 * pattern[t % 4]!);
    // 24 observations: step 0 is position 24 mod 4 = 0.
    const index = seasonalIndexForHorizon(y, 4, [60, 80, 140, 120, 60]);
    for (let h = 0; h < index.length; h++) expect(index[h]).toBeCloseTo(pattern[h % 4]!, 6);
  });

  it('is 1 without a season, or with too short a history', () => {
    // A trend with no season: the autocorrelation at lag 4 is no higher than at lags 1–3.
    const flat = Float64Array.from({ length: 24 }, (_, t) => 100 + 2 * t);
    expect(Array.from(seasonalIndexForHorizon(flat, 4, [100, 100]))).toEqual([1, 1]);
    expect(Array.from(seasonalIndexForHorizon(Float64Array.from([1, 2, 3]), 4, [1]))).toEqual([1]);
    expect(Array.from(seasonalIndexForHorizon(flat, 1, [5]))).toEqual([1]);
  });

  it('turns an additive season (a history with zeros) into the step’s ratio to its level', () => {
    const pattern = [0, 20, 40, 20];
    const y = Float64Array.from({ length: 24 }, (_, t) => 10 + pattern[t % 4]! - 10);
    const index = seasonalIndexForHorizon(y, 4, [0, 20, 40, 20]);
    // The additive terms are −20, 0, +20, 0 around a level of 20.
    expect(index[0]).toBe(1); // zero forecast: left alone
    expect(index[1]).toBeCloseTo(1, 6);
    expect(index[2]).toBeCloseTo(2, 6);
  });
});
