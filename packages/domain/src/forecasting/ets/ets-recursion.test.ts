import { describe, expect, it } from 'vitest';
import { etsRecursion, OUT_LEVEL, OUT_SSE, OUT_SUM_LOG, OUT_TREND } from './ets-recursion';
import { SEASON_ADDITIVE, SEASON_NONE, TREND_ADDITIVE, TREND_NONE } from './ets-spec';

describe('etsRecursion (hand-worked)', () => {
  it('simple exponential smoothing, additive errors', () => {
    // y = 3, 5, 4; α = 0.5; ℓ0 = 4 → errors −1, 1.5, −0.25; levels 3.5, 4.25, 4.125.
    const out = new Float64Array(4);
    const residuals = new Float64Array(3);
    const y = Float64Array.from([3, 5, 4]);
    const lik = etsRecursion(
      y,
      1,
      false,
      TREND_NONE,
      SEASON_NONE,
      0.5,
      0,
      0,
      1,
      4,
      0,
      null,
      null,
      out,
      residuals,
    );
    expect(Array.from(residuals)).toEqual([-1, 1.5, -0.25]);
    expect(out[OUT_LEVEL]).toBeCloseTo(4.125, 12);
    expect(out[OUT_SSE]).toBeCloseTo(3.3125, 12);
    expect(lik).toBeCloseTo(3 * Math.log(3.3125), 12);
  });

  it('Holt linear trend: b_t = b + β·e', () => {
    // y = 10, 12, 15; α = 0.5, β = 0.25; ℓ0 = 8, b0 = 1.
    // t1: ŷ 9, e 1, ℓ 9.5, b 1.25; t2: ŷ 10.75, e 1.25, ℓ 11.375, b 1.5625;
    // t3: ŷ 12.9375, e 2.0625, ℓ 13.96875, b 2.078125.
    const out = new Float64Array(4);
    const y = Float64Array.from([10, 12, 15]);
    etsRecursion(y, 1, false, TREND_ADDITIVE, SEASON_NONE, 0.5, 0.25, 0, 1, 8, 1, null, null, out);
    expect(out[OUT_LEVEL]).toBeCloseTo(13.96875, 12);
    expect(out[OUT_TREND]).toBeCloseTo(2.078125, 12);
    expect(out[OUT_SSE]).toBeCloseTo(1 + 1.5625 + 2.0625 ** 2, 12);
  });

  it('multiplicative errors: relative errors and 2Σlog|ŷ| in the likelihood', () => {
    const out = new Float64Array(4);
    const y = Float64Array.from([3, 5, 4]);
    const lik = etsRecursion(y, 1, true, TREND_NONE, SEASON_NONE, 0.5, 0, 0, 1, 4, 0, null, null, out);
    const sse = (1 / 4) ** 2 + (1.5 / 3.5) ** 2 + (0.25 / 4.25) ** 2;
    const sumLog = Math.log(4) + Math.log(3.5) + Math.log(4.25);
    expect(out[OUT_SSE]).toBeCloseTo(sse, 12);
    expect(out[OUT_SUM_LOG]).toBeCloseTo(sumLog, 12);
    expect(lik).toBeCloseTo(3 * Math.log(sse) + 2 * sumLog, 10);
  });

  it('additive seasonality with a circular seasonal buffer', () => {
    // m = 2, α = 0.5, γ = 0.2, ℓ0 = 10, s = [2, −2]; y = 12, 8 fit exactly, then y = 13: e = 1,
    // ℓ = 10 + 0.5·(11 − 10) = 10.5, s0 = 2 + 0.2·(13 − 10 − 2) = 2.2.
    const out = new Float64Array(4);
    const season = new Float64Array(2);
    const init = Float64Array.from([2, -2]);
    const y = Float64Array.from([12, 8, 13]);
    etsRecursion(y, 2, false, TREND_NONE, SEASON_ADDITIVE, 0.5, 0, 0.2, 1, 10, 0, init, season, out);
    expect(out[OUT_SSE]).toBeCloseTo(1, 12);
    expect(out[OUT_LEVEL]).toBeCloseTo(10.5, 12);
    expect(season[0]).toBeCloseTo(2.2, 12);
    expect(season[1]).toBeCloseTo(-2, 12);
    expect(Array.from(init)).toEqual([2, -2]);
  });

  it('rejects a multiplicative model whose forecast reaches zero', () => {
    const out = new Float64Array(4);
    const y = Float64Array.from([1, 2]);
    expect(etsRecursion(y, 1, true, TREND_NONE, SEASON_NONE, 0.5, 0, 0, 1, 0, 0, null, null, out)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
