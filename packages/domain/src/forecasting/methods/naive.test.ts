import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS } from '../test-data';
import { Z80 } from '../util/normal';
import { MethodContext } from './context';
import { laggedWalk, naive2Method, seasonalNaiveMethod } from './naive';

describe('naive and seasonal naive', () => {
  it('naive: last value, σ² the mean squared difference, variance growing with h', () => {
    // y = 1, 2, 4, 7: differences 1, 2, 3 → σ² = 14/3
    const fc = laggedWalk(Float64Array.from([1, 2, 4, 7]), 1, 3);
    expect(Array.from(fc.mean)).toEqual([7, 7, 7]);
    expect(fc.upper80[1]).toBeCloseTo(7 + Z80 * Math.sqrt((2 * 14) / 3), 12);
    expect(fc.lower80[2]).toBeCloseTo(7 - Z80 * Math.sqrt((3 * 14) / 3), 12);
  });

  it('seasonal naive repeats the last season, as R snaive(AirPassengers)', () => {
    const fc = seasonalNaiveMethod(new MethodContext(AIR_PASSENGERS, 12, 13));
    expect(Array.from(fc.mean.subarray(0, 3))).toEqual([417, 391, 419]);
    expect(fc.mean[12]).toBe(417);
    // R: snaive(AirPassengers, h = 13)$lower[13, "80%"] = 351.181793939
    expect(fc.lower80[12]).toBeCloseTo(351.181793939, 6);
  });

  it('seasonal naive falls back to naive without a full season', () => {
    const fc = seasonalNaiveMethod(new MethodContext(Float64Array.from([3, 4, 5]), 12, 2));
    expect(Array.from(fc.mean)).toEqual([5, 5]);
  });

  it('naive2: the last seasonally adjusted value, reseasonalised', () => {
    const fc = naive2Method(new MethodContext(AIR_PASSENGERS, 12, 2));
    // R decompose figure: position 11 (last observation) 0.898824389985, positions 0 and 1 next.
    const adjustedLast = 432 / 0.898824389985;
    expect(fc.mean[0]).toBeCloseTo(adjustedLast * 0.910230367372, 6);
    expect(fc.mean[1]).toBeCloseTo(adjustedLast * 0.883625320694, 6);
    expect(fc.seasonal).toBe(true);
  });
});
