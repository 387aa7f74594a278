import { describe, expect, it } from 'vitest';
import { countDistribution, countExpectedShortage, countQuantile } from './discrete-demand';

describe('lead-time demand of intermittent items', () => {
  /*
   * Poisson, mean 2 (hand-worked from P(k) = e⁻²·2ᵏ/k!):
   * k:     0      1      2      3      4      5      6
   * P:  .1353  .2707  .2707  .1804  .0902  .0361  .0120
   * cum:.1353  .4060  .6767  .8571  .9473  .9834  .9955
   * 95 % → s = 5 (.9834 ≥ .95, .9473 < .95); 90 % → s = 4; 99 % → s = 6.
   */
  it('takes the Poisson quantile when the variance does not exceed the mean', () => {
    const d = countDistribution(2, 2);
    expect(d.kind).toBe('poisson');
    expect(countQuantile(d, 0.95)).toBe(5);
    expect(countQuantile(d, 0.9)).toBe(4);
    expect(countQuantile(d, 0.99)).toBe(6);
    // Under-dispersed input is treated as Poisson too.
    expect(countDistribution(2, 1).kind).toBe('poisson');
  });

  /*
   * Negative binomial, mean 2, variance 4: r = μ²/(σ² − μ) = 4/2 = 2, p = μ/σ² = 0.5,
   * P(k) = (k + 1)·0.5²·0.5ᵏ = (k + 1)/2^(k+2):
   * k:    0     1      2      3      4       5       6
   * P:  .25   .25   .1875  .125  .0781  .0469   .0273
   * cum:.25   .50   .6875  .8125 .8906  .9375   .9648
   * 95 % → s = 6; 90 % → s = 5.
   */
  it('takes the negative binomial quantile when demand is over-dispersed', () => {
    const d = countDistribution(2, 4);
    expect(d.kind).toBe('negative-binomial');
    expect(countQuantile(d, 0.95)).toBe(6);
    expect(countQuantile(d, 0.9)).toBe(5);
  });

  it('expects the hand-worked shortage per cycle', () => {
    // Poisson(2), s = 5: E[min(X, 5)] = Σ_{k<5} k·P(k) + 5·P(X ≥ 5)
    // = (.2707 + .5413 + .5413 + .3609) + 5 × .0527 = 1.7142 + .2633 = 1.9775; shortage = 2 − 1.9775 = .0225.
    expect(countExpectedShortage(countDistribution(2, 2), 5)).toBeCloseTo(0.0225, 3);
    // s = 0: everything demanded is short.
    expect(countExpectedShortage(countDistribution(2, 2), 0)).toBeCloseTo(2, 9);
  });

  it('needs nothing without demand, and does not underflow for large means', () => {
    const none = countDistribution(0, 0);
    expect(none.kind).toBe('none');
    expect(countQuantile(none, 0.99)).toBe(0);
    expect(countExpectedShortage(none, 0)).toBe(0);
    // Mean 2,000: e^−2000 underflows a double, the log-space walk does not; the quantile sits near μ + 1.645√μ.
    const big = countQuantile(countDistribution(2000, 2000), 0.95);
    expect(big).toBeGreaterThan(2000 + 1.6 * Math.sqrt(2000));
    expect(big).toBeLessThan(2000 + 1.7 * Math.sqrt(2000) + 2);
  });
});
