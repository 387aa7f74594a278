import { describe, expect, it } from 'vitest';
import { normalMultiplier, normalQuantile, Z80, Z95 } from './normal';

describe('normalQuantile', () => {
  it.each([
    // Reference values from R's qnorm().
    [0.975, 1.95996398454],
    [0.9, 1.28155156554],
    [0.3, -0.524400512708],
    [1e-10, -6.3613409024],
    [0.5, 0],
  ])('qnorm(%f) = %f', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 10);
  });

  it('is antisymmetric around 0.5', () => {
    for (const p of [0.001, 0.05, 0.2, 0.45])
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 12);
  });

  it('gives the 80% and 95% interval multipliers', () => {
    expect(Z80).toBeCloseTo(1.28155156554, 10);
    expect(Z95).toBeCloseTo(1.95996398454, 10);
    expect(normalMultiplier(99)).toBeCloseTo(2.5758293035489, 10);
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});
