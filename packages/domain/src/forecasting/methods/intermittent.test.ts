import { describe, expect, it } from 'vitest';
import { MethodContext } from './context';
import { crostonMethod, crostonRun } from './croston';
import { classifyDemand } from './demand-class';
import { intermittentMethod } from './intermittent';
import { tsbMethod, tsbRun } from './tsb';

function repeat(pattern: number[], times: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(...pattern);
  return Float64Array.from(out);
}

describe('Croston and SBA', () => {
  it('agrees with R croston(c(0,0,3,0,1,0,0,0,2,0,4,0,0,1), alpha = 0.1)', () => {
    // Sizes 3,1,2,4,1 → z = 2.6632; intervals 3,2,4,2,3 → p = 2.9181; R: 0.912648641239
    const y = Float64Array.from([0, 0, 3, 0, 1, 0, 0, 0, 2, 0, 4, 0, 0, 1]);
    expect(crostonRun(y, 0.1, 'croston')).toBeCloseTo(0.912648641239, 10);
    expect(crostonRun(y, 0.1, 'sba')).toBeCloseTo(0.912648641239 * 0.95, 10);
  });

  it('on alternating zeros and ones forecasts 1/2 (SBA 0.475 with α = 0.1)', () => {
    const y = repeat([0, 1], 10);
    expect(crostonRun(y, 0.1, 'croston')).toBeCloseTo(0.5, 12);
    expect(crostonRun(y, 0.1, 'sba')).toBeCloseTo(0.475, 12);
    expect(crostonRun(repeat([0, 0, 0, 1], 5), 0.1, 'croston')).toBeCloseTo(0.25, 12);
  });

  it('is biased upwards on Bernoulli demand and SBA removes most of the bias (Syntetos & Boylan 2001)', () => {
    const n = 40000;
    const y = new Float64Array(n);
    let state = 12345;
    for (let t = 0; t < n; t++) {
      state = (state * 16807) % 2147483647;
      y[t] = state / 2147483647 < 0.25 ? 1 : 0;
    }
    const alpha = 0.2;
    const croston = new Float64Array(n);
    const sba = new Float64Array(n);
    crostonRun(y, alpha, 'croston', croston);
    crostonRun(y, alpha, 'sba', sba);
    let sumC = 0;
    let sumS = 0;
    for (let t = 100; t < n; t++) {
      sumC += croston[t]!;
      sumS += sba[t]!;
    }
    const meanC = sumC / (n - 100);
    const meanS = sumS / (n - 100);
    // Croston's expected forecast ≈ μ/p + α/(2 − α)·(p − 1)/p² = 0.25 + 0.0208 for p = 4, α = 0.2.
    expect(meanC).toBeGreaterThan(0.26);
    expect(meanC).toBeLessThan(0.285);
    expect(Math.abs(meanS - 0.25)).toBeLessThan(Math.abs(meanC - 0.25));
  });

  it('forecasts zero without demand and flat forecasts with nested, non-negative-friendly intervals', () => {
    expect(crostonRun(new Float64Array(5), 0.1, 'croston')).toBe(0);
    const y = Float64Array.from([0, 0, 3, 0, 1, 0, 0, 0, 2, 0, 4, 0, 0, 1, 0, 2, 0, 0, 5, 0, 1, 0, 0, 3]);
    const fc = crostonMethod(new MethodContext(y, 1, 4), 'sba');
    for (let h = 0; h < 4; h++) {
      expect(fc.mean[h]).toBe(fc.mean[0]);
      expect(fc.lower95[h]!).toBeLessThanOrEqual(fc.lower80[h]!);
      expect(fc.lower80[h]!).toBeLessThanOrEqual(fc.mean[h]!);
      expect(fc.upper80[h]!).toBeGreaterThanOrEqual(fc.mean[h]!);
      expect(fc.upper95[h]!).toBeGreaterThanOrEqual(fc.upper80[h]!);
    }
    expect(fc.upper95[0]!).toBeGreaterThan(fc.mean[0]! + 1);
  });

  it('chooses α from the grid when asked', () => {
    const y = Float64Array.from([0, 5, 0, 5, 0, 9, 0, 9, 0, 9, 0, 9]);
    const fixed = crostonMethod(new MethodContext(y, 1, 1), 'croston');
    const tuned = crostonMethod(new MethodContext(y, 1, 1, { intermittent: { optimize: true } }), 'croston');
    expect(fixed.params.alpha).toBe(0.1);
    expect(tuned.params.alpha).toBe(0.3);
  });
});

describe('TSB', () => {
  it('hand-worked: probability updated every period, size only with demand', () => {
    // d0 = 2/5, z0 = 3; y = 0,2,0,0,4 with α = β = 0.5:
    // d: 0.2, 0.6, 0.3, 0.15, 0.575; z: 3, 2.5, 2.5, 2.5, 3.25 → 0.575·3.25
    expect(tsbRun(Float64Array.from([0, 2, 0, 0, 4]), 0.5, 0.5)).toBeCloseTo(1.86875, 12);
  });

  it('decays towards zero after demand stops (obsolescence), unlike Croston', () => {
    const y = Float64Array.from([...repeat([0, 2], 10), ...new Array(12).fill(0)]);
    const tsb = tsbMethod(new MethodContext(y, 1, 1)).mean[0]!;
    const croston = crostonRun(y, 0.1, 'croston');
    expect(tsb).toBeLessThan(0.35);
    expect(croston).toBeCloseTo(1, 6);
  });
});

describe('demand classification (ADI 1.32, CV² 0.49)', () => {
  it.each([
    ['smooth', repeat([5, 6, 5, 4], 6)],
    ['erratic', repeat([1, 10], 12)],
    ['intermittent', repeat([0, 0, 3], 8)],
    ['lumpy', repeat([0, 0, 1, 0, 0, 10], 4)],
    ['zero', new Float64Array(10)],
  ] as const)('%s', (expected, y) => {
    expect(classifyDemand(y).demandClass).toBe(expected);
  });

  it('computes ADI and CV²', () => {
    const c = classifyDemand(Float64Array.from([0, 1, 0, 0, 10, 0]));
    expect(c.adi).toBe(3);
    // sizes 1, 10: mean 5.5, population variance 20.25
    expect(c.cv2).toBeCloseTo(20.25 / 30.25, 12);
  });

  it('routes each class to its method', () => {
    const run = (y: Float64Array) => intermittentMethod(new MethodContext(y, 1, 2)).model;
    expect(run(repeat([5, 6, 5, 4], 6))).toBe('Croston');
    expect(run(repeat([0, 0, 3], 8))).toBe('SBA');
    expect(run(repeat([0, 0, 1, 0, 0, 10], 4))).toBe('TSB');
    expect(run(new Float64Array(6))).toBe('Zero (no demand)');
  });
});
