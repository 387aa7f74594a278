import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonNegativeSolve } from './nnls';
import { type ForecastBounds, reconcileForecasts } from './reconcile';

/** A forecast of constant `mean` with symmetric intervals of the given one-step σ. */
function flat(mean: number[], sigma: number): ForecastBounds {
  const m = Float64Array.from(mean);
  const band = (z: number, sign: number) => Float64Array.from(mean, (v) => Math.max(0, v + sign * z * sigma));
  return {
    mean: m,
    lower80: band(1.2815515655446004, -1),
    upper80: band(1.2815515655446004, 1),
    lower95: band(1.959963984540054, -1),
    upper95: band(1.959963984540054, 1),
  };
}

// total = b0 + b1
const twoBottoms = { nodes: [{ bottom: [0, 1] }, { bottom: [0] }, { bottom: [1] }], bottom: [1, 2] };

describe('reconcileForecasts', () => {
  it('bottom-up: totals are the sums of the bottom forecasts, which stay as they were', () => {
    const result = reconcileForecasts({
      ...twoBottoms,
      base: [flat([10, 11], 2), flat([3, 3.5], 1), flat([4, 4.5], 1)],
      method: 'bottom-up',
    });
    expect(Array.from(result[0]!.mean)).toEqual([7, 8]);
    expect(Array.from(result[1]!.mean)).toEqual([3, 3.5]);
    expect(Array.from(result[2]!.mean)).toEqual([4, 4.5]);
  });

  it('MinT (WLS) with equal variances is the OLS projection, worked by hand', () => {
    // S = [[1,1],[1,0],[0,1]], ŷ = (10, 3, 4): SᵀS = [[2,1],[1,2]], Sᵀŷ = (13, 14) → b = (4, 5), total 9.
    const result = reconcileForecasts({
      ...twoBottoms,
      base: [flat([10], 1), flat([3], 1), flat([4], 1)],
      method: 'mint-wls',
    });
    expect(result[1]!.mean[0]).toBeCloseTo(4, 10);
    expect(result[2]!.mean[0]).toBeCloseTo(5, 10);
    expect(result[0]!.mean[0]).toBeCloseTo(9, 10);
  });

  it('MinT (WLS) trusts the less uncertain series more', () => {
    // The total has σ = 10 against 1 for the bottoms: the answer stays near bottom-up (7).
    const result = reconcileForecasts({
      ...twoBottoms,
      base: [flat([10], 10), flat([3], 1), flat([4], 1)],
      method: 'mint-wls',
    });
    expect(result[0]!.mean[0]).toBeGreaterThan(7);
    expect(result[0]!.mean[0]).toBeLessThan(7.1);
  });

  it('MinT (WLS) leaves forecasts that already add up unchanged', () => {
    const result = reconcileForecasts({
      ...twoBottoms,
      base: [flat([7, 9], 3), flat([3, 4], 1), flat([4, 5], 2)],
      method: 'mint-wls',
    });
    expect(Array.from(result[0]!.mean).map((v) => Number(v.toFixed(9)))).toEqual([7, 9]);
    expect(Array.from(result[2]!.mean).map((v) => Number(v.toFixed(9)))).toEqual([4, 5]);
  });

  it('never forecasts negative demand: the constrained optimum, worked by hand', () => {
    // ŷ = (0, 5, 0), equal weights: unconstrained b = (10/3, −5/3); with b1 = 0, b0 minimises
    // (0 − b0)² + (5 − b0)² → 2.5.
    const result = reconcileForecasts({
      ...twoBottoms,
      base: [flat([0], 1), flat([5], 1), flat([0], 1)],
      method: 'mint-wls',
    });
    expect(result[1]!.mean[0]).toBeCloseTo(2.5, 10);
    expect(result[2]!.mean[0]).toBe(0);
    expect(result[0]!.mean[0]).toBeCloseTo(2.5, 10);
  });

  it('moves each interval with its point, never below zero nor excluding the point', () => {
    const result = reconcileForecasts({
      ...twoBottoms,
      base: [flat([10], 1), flat([3], 1), flat([4], 1)],
      method: 'mint-wls',
    });
    const total = result[0]!;
    // Shifted by −1 (9 − 10): the base total's 80% interval 10 ± 1.28 becomes 9 ± 1.28.
    expect(total.lower80[0]).toBeCloseTo(9 - 1.2815515655446004, 9);
    expect(total.upper95[0]).toBeCloseTo(9 + 1.959963984540054, 9);
  });

  const hierarchies = fc
    .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 })
    .map((sizes) => {
      // Groups of bottom series under one total each, and a grand total over them all.
      const m = sizes.reduce((a, b) => a + b, 0);
      const nodes: { bottom: number[] }[] = [{ bottom: Array.from({ length: m }, (_, i) => i) }];
      let next = 0;
      for (const size of sizes) {
        nodes.push({ bottom: Array.from({ length: size }, (_, i) => next + i) });
        next += size;
      }
      const bottom: number[] = [];
      for (let j = 0; j < m; j++) {
        bottom.push(nodes.length);
        nodes.push({ bottom: [j] });
      }
      return { nodes, bottom };
    });

  it('adds up at every level and step, non-negative, for any base forecasts (both methods)', () => {
    fc.assert(
      fc.property(
        hierarchies.chain((h) =>
          fc.record({
            h: fc.constant(h),
            means: fc.array(
              fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 3, maxLength: 3 }),
              {
                minLength: h.nodes.length,
                maxLength: h.nodes.length,
              },
            ),
            sigmas: fc.array(fc.double({ min: 0, max: 200, noNaN: true }), {
              minLength: h.nodes.length,
              maxLength: h.nodes.length,
            }),
            method: fc.constantFrom('bottom-up' as const, 'mint-wls' as const),
          }),
        ),
        ({ h, means, sigmas, method }) => {
          const base = means.map((mean, i) => flat(mean, sigmas[i]!));
          const result = reconcileForecasts({ ...h, base, method });
          h.nodes.forEach((node, i) => {
            for (let t = 0; t < 3; t++) {
              const sum = node.bottom.reduce((s, j) => s + result[h.bottom[j]!]!.mean[t]!, 0);
              expect(result[i]!.mean[t]).toBeCloseTo(sum, 6);
              expect(result[i]!.mean[t]).toBeGreaterThanOrEqual(0);
              expect(result[i]!.lower95[t]).toBeLessThanOrEqual(result[i]!.lower80[t]!);
              expect(result[i]!.lower80[t]).toBeLessThanOrEqual(result[i]!.mean[t]! + 1e-9);
              expect(result[i]!.upper80[t]).toBeGreaterThanOrEqual(result[i]!.mean[t]! - 1e-9);
              expect(result[i]!.upper95[t]).toBeGreaterThanOrEqual(result[i]!.upper80[t]!);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('nonNegativeSolve', () => {
  it('matches the best non-negative point found by brute force on a grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: -0.4, max: 0.4, noNaN: true }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (a00, c, a11, r0, r1) => {
          const a = Float64Array.from([a00, c, c, a11]);
          const r = Float64Array.from([r0, r1]);
          const b = nonNegativeSolve(a, 2, r);
          const objective = (x: number, y: number) =>
            0.5 * (a00 * x * x + 2 * c * x * y + a11 * y * y) - (r0 * x + r1 * y);
          expect(b[0]).toBeGreaterThanOrEqual(0);
          expect(b[1]).toBeGreaterThanOrEqual(0);
          const best = objective(b[0]!, b[1]!);
          for (let x = 0; x <= 12; x += 0.5)
            for (let y = 0; y <= 12; y += 0.5) expect(best).toBeLessThanOrEqual(objective(x, y) + 1e-9);
        },
      ),
      { numRuns: 100 },
    );
  });
});
