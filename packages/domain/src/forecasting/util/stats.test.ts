import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantilesInPlace, quickselect } from './select';
import { autocorrelations, isConstant, linearFit, median3, sortedQuantile } from './stats';

describe('linearFit', () => {
  it('recovers intercept and slope of an exact line, with the intercept at x = 0', () => {
    const y = Float64Array.from([5, 7, 9, 11]); // x = 1..4 → y = 3 + 2x
    const out = linearFit(y, 0, 4, 1, new Float64Array(2));
    expect(out[0]).toBeCloseTo(3, 12);
    expect(out[1]).toBeCloseTo(2, 12);
  });

  it('fits least squares on a segment', () => {
    // x = 0,1,2 and y = 1,2,6: slope = Σdx·dy/Σdx² = (−1·−2 + 1·3)/2 = 2.5, intercept = 3 − 2.5 = 0.5
    const y = Float64Array.from([100, 1, 2, 6]);
    const out = linearFit(y, 1, 3, 0, new Float64Array(2));
    expect(out[1]).toBeCloseTo(2.5, 12);
    expect(out[0]).toBeCloseTo(0.5, 12);
  });
});

describe('autocorrelations', () => {
  it('matches R acf() on AirPassengers (first 12 lags)', async () => {
    const { AIR_PASSENGERS } = await import('../test-data');
    const r = autocorrelations(AIR_PASSENGERS, 12, new Float64Array(12));
    const expected = [
      0.948047340752, 0.875574835125, 0.806681155497, 0.752625417388, 0.713769972652, 0.681733603331,
      0.662904386368, 0.655610484325, 0.670948327925, 0.702719920909, 0.743240189007, 0.760395042263,
    ];
    for (let k = 0; k < 12; k++) expect(r[k]).toBeCloseTo(expected[k]!, 9);
  });

  it('is zero for a constant series', () => {
    const r = autocorrelations(new Float64Array(10).fill(3), 3, new Float64Array(3));
    expect(Array.from(r)).toEqual([0, 0, 0]);
  });
});

describe('quantiles', () => {
  it('sortedQuantile is R type 7', () => {
    const sorted = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]).sort();
    // quantile(c(3,1,4,1,5,9,2,6), c(0.025, 0.1, 0.9, 0.975)) in R: 1, 1, 6.9, 8.475
    expect(sortedQuantile(sorted, 0.025)).toBeCloseTo(1, 12);
    expect(sortedQuantile(sorted, 0.1)).toBeCloseTo(1, 12);
    expect(sortedQuantile(sorted, 0.9)).toBeCloseTo(6.9, 12);
    expect(sortedQuantile(sorted, 0.975)).toBeCloseTo(8.475, 12);
  });

  it('quantilesInPlace agrees with sorting for any data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const data = Float64Array.from(xs);
          const sorted = Float64Array.from(xs).sort();
          const probabilities = [0.025, 0.1, 0.5, 0.9, 0.975];
          const out = quantilesInPlace(data, probabilities, new Float64Array(probabilities.length));
          probabilities.forEach((p, i) => {
            expect(out[i]).toBeCloseTo(sortedQuantile(sorted, p), 6);
          });
        },
      ),
    );
  });

  it('quickselect puts the k-th smallest value at k', () => {
    const a = Float64Array.from([9, 2, 7, 4, 4, 1, 8]);
    quickselect(a, 3);
    expect(a[3]).toBe(4);
    for (let i = 0; i < 3; i++) expect(a[i]).toBeLessThanOrEqual(4);
    for (let i = 4; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(4);
  });
});

describe('helpers', () => {
  it('median3 and isConstant', () => {
    expect(median3(3, 1, 2)).toBe(2);
    expect(median3(1, 1, 5)).toBe(1);
    expect(isConstant(Float64Array.from([2, 2, 2]))).toBe(true);
    expect(isConstant(Float64Array.from([2, 2, 2.1]))).toBe(false);
  });
});
