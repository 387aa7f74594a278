import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustmentFactors,
  applyAdjustment,
  type ForecastAdjustment,
  isNeutralAdjustment,
  NEUTRAL_ADJUSTMENT,
} from './adjustment';
import { adjustBottomSeries, rescalePath, sumBottom } from './hierarchy';

const quarterFrame = {
  periodStarts: ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'],
  seasonalIndex: [1, 1, 1, 1],
  periodsPerYear: 12,
};

const path = (mean: number[]) => ({
  mean,
  lower80: mean.map((v) => v * 0.8),
  upper80: mean.map((v) => v * 1.2),
  lower95: mean.map((v) => v * 0.7),
  upper95: mean.map((v) => v * 1.3),
});

describe('adjustment factors', () => {
  it('a neutral adjustment changes nothing', () => {
    expect(isNeutralAdjustment(NEUTRAL_ADJUSTMENT)).toBe(true);
    expect(Array.from(adjustmentFactors(NEUTRAL_ADJUSTMENT, quarterFrame))).toEqual([1, 1, 1, 1]);
  });

  it('growth compounds from the forecast origin: 12% a year over 12 months reaches exactly 1.12', () => {
    const adjustment = { ...NEUTRAL_ADJUSTMENT, growthPct: 12 };
    const frame = {
      periodStarts: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
      seasonalIndex: new Array(12).fill(1),
      periodsPerYear: 12,
    };
    const factors = adjustmentFactors(adjustment, frame);
    expect(factors[0]).toBeCloseTo(1.12 ** (1 / 12), 12);
    expect(factors[5]).toBeCloseTo(Math.sqrt(1.12), 12);
    expect(factors[11]).toBeCloseTo(1.12, 12);
  });

  it('seasonality strength scales the swing around the seasonally adjusted level', () => {
    // Index 1.5 (a peak) and 0.5 (a trough): forecast 150 and 50 around a level of 100.
    const frame = { ...quarterFrame, seasonalIndex: [1.5, 0.5, 1, 1] };
    const base = path([150, 50, 100, 100]);
    const flatten = applyAdjustment(base, { ...NEUTRAL_ADJUSTMENT, seasonalityStrength: 0 }, frame);
    expect(Array.from(flatten.mean).map((v) => Number(v.toFixed(9)))).toEqual([100, 100, 100, 100]);
    const double = applyAdjustment(base, { ...NEUTRAL_ADJUSTMENT, seasonalityStrength: 2 }, frame);
    expect(Array.from(double.mean).map((v) => Number(v.toFixed(9)))).toEqual([200, 0, 100, 100]);
    const half = applyAdjustment(base, { ...NEUTRAL_ADJUSTMENT, seasonalityStrength: 0.5 }, frame);
    expect(Array.from(half.mean).map((v) => Number(v.toFixed(9)))).toEqual([125, 75, 100, 100]);
  });

  it('promotions lift only their periods; bounds move with the point', () => {
    const adjustment: ForecastAdjustment = {
      growthPct: 0,
      seasonalityStrength: 1,
      promotions: [
        { periodStart: '2026-02-01', upliftPct: 25 },
        { periodStart: '2027-01-01', upliftPct: 50 }, // outside the horizon: no effect
      ],
    };
    const result = applyAdjustment(path([100, 100, 100, 100]), adjustment, quarterFrame);
    expect(Array.from(result.mean)).toEqual([100, 125, 100, 100]);
    expect(result.lower80[1]).toBeCloseTo(100, 12);
    expect(result.upper95[1]).toBeCloseTo(162.5, 12);
  });

  it('combines growth, seasonality and promotion multiplicatively and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: -100, max: 1000, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (growthPct, seasonalityStrength, upliftPct, seasonalIndex) => {
          const frame = { ...quarterFrame, seasonalIndex };
          const adjustment = {
            growthPct,
            seasonalityStrength,
            promotions: [{ periodStart: '2026-03-01', upliftPct }],
          };
          const factors = adjustmentFactors(adjustment, frame);
          const growthOnly = adjustmentFactors({ ...NEUTRAL_ADJUSTMENT, growthPct }, frame);
          const seasonOnly = adjustmentFactors({ ...NEUTRAL_ADJUSTMENT, seasonalityStrength }, frame);
          factors.forEach((f, h) => {
            expect(f).toBeGreaterThanOrEqual(0);
            const promo = h === 2 ? 1 + upliftPct / 100 : 1;
            expect(f).toBeCloseTo(growthOnly[h]! * seasonOnly[h]! * promo, 9);
          });
        },
      ),
    );
  });

  it('refuses a frame without one seasonal index per period', () => {
    expect(() => adjustmentFactors(NEUTRAL_ADJUSTMENT, { ...quarterFrame, seasonalIndex: [1] })).toThrow(
      RangeError,
    );
  });
});

describe('adjustments across the hierarchy', () => {
  // Bottom series 0 and 1 under total node 0; nodes 1 and 2 are the bottom series themselves.
  const nodes = [{ bottom: [0, 1] }, { bottom: [0] }, { bottom: [1] }];
  const bottom = [
    [10, 20],
    [30, 40],
  ];

  it('an adjustment on a total applies to every series under it, so adjusted figures still add up', () => {
    const factors = new Map([
      [0, Float64Array.from([1.1, 1.1])], // +10% on the total
      [2, Float64Array.from([1, 2])], // a promotion on bottom series 1 in step 2
    ]);
    const adjusted = adjustBottomSeries(bottom, nodes, factors);
    expect(Array.from(adjusted[0]!).map((v) => Number(v.toFixed(9)))).toEqual([11, 22]);
    expect(Array.from(adjusted[1]!).map((v) => Number(v.toFixed(9)))).toEqual([33, 88]);
    const total = sumBottom(nodes[0]!, adjusted);
    expect(Array.from(total).map((v) => Number(v.toFixed(9)))).toEqual([44, 110]);
  });

  it('a node adjusted = its inherited forecast (others applied, its own not) × its own factors', () => {
    const own = Float64Array.from([1.1, 0.9]);
    const factors = new Map([
      [0, own],
      [1, Float64Array.from([2, 1])],
    ]);
    const inherited = sumBottom(nodes[0]!, adjustBottomSeries(bottom, nodes, factors, 0));
    const adjusted = sumBottom(nodes[0]!, adjustBottomSeries(bottom, nodes, factors));
    for (let h = 0; h < inherited.length; h++) expect(inherited[h]! * own[h]!).toBeCloseTo(adjusted[h]!, 9);
  });

  it('rescales bounds in proportion to the new point', () => {
    const moved = rescalePath(path([100, 0]), [150, 5]);
    expect(moved.lower80[0]).toBeCloseTo(120, 9);
    expect(moved.upper95[0]).toBeCloseTo(195, 9);
    // From a zero forecast the bounds shift instead.
    expect(moved.lower80[1]).toBe(5);
    expect(moved.upper80[1]).toBe(5);
  });
});
