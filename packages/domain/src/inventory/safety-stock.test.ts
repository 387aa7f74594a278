import { describe, expect, it } from 'vitest';
import { normalCdf, normalLoss, normalPdf } from './normal';
import { fillRateNormal, leadTimeDemandSd, safetyFactor, safetyStockNormal } from './safety-stock';

describe('normal helpers', () => {
  it('match printed table values', () => {
    // Standard normal table: Φ(1.2816) = 0.9000, Φ(1.6449) = 0.9500, Φ(2.3263) = 0.9900, φ(0) = 0.3989.
    expect(normalCdf(1.2816)).toBeCloseTo(0.9, 4);
    expect(normalCdf(1.6449)).toBeCloseTo(0.95, 4);
    expect(normalCdf(2.3263)).toBeCloseTo(0.99, 4);
    expect(normalCdf(-1.6449)).toBeCloseTo(0.05, 4);
    expect(normalPdf(0)).toBeCloseTo(0.398942, 6);
    // G(0) = φ(0); G(1) = φ(1) − (1 − Φ(1)) = 0.241971 − 0.158655 = 0.083316 (loss-function tables: 0.0833).
    expect(normalLoss(0)).toBeCloseTo(0.398942, 6);
    expect(normalLoss(1)).toBeCloseTo(0.083316, 5);
  });

  it('safety factor z = Φ⁻¹(CSL) as in z tables', () => {
    expect(safetyFactor(0.9)).toBeCloseTo(1.2816, 4);
    expect(safetyFactor(0.95)).toBeCloseTo(1.6449, 4);
    expect(safetyFactor(0.98)).toBeCloseTo(2.0537, 4);
    expect(safetyFactor(0.99)).toBeCloseTo(2.3263, 4);
    expect(() => safetyFactor(1)).toThrow(RangeError);
    expect(() => safetyFactor(0)).toThrow(RangeError);
  });
});

describe('safety stock with demand and lead-time uncertainty', () => {
  /*
   * Chopra & Meindl, Supply Chain Management (safety inventory when lead time is uncertain; the Dell
   * example): daily demand D = 2,500, σD = 500, lead time L = 7 days, CSL = 0.90.
   * With σL = 7 days: σ of lead-time demand = √(7·500² + 2,500²·7²) = √(1,750,000 + 306,250,000)
   * = √308,000,000 = 17,549.9; SS = 1.2816 × 17,549.9 = 22,491 units.
   * With σL = 0: σ = √7 × 500 = 1,322.9; SS = 1.2816 × 1,322.9 = 1,695 units.
   */
  it('reproduces the textbook example with lead-time variability', () => {
    const input = { demandMean: 2500, demandSd: 500, leadTime: 7, leadTimeSd: 7 };
    expect(leadTimeDemandSd(input)).toBeCloseTo(17_549.93, 1);
    expect(safetyStockNormal(0.9, input)).toBeCloseTo(22_491, -1);
  });

  it('reduces to z·σd·√L when the lead time never varies', () => {
    const input = { demandMean: 2500, demandSd: 500, leadTime: 7, leadTimeSd: 0 };
    expect(leadTimeDemandSd(input)).toBeCloseTo(1322.876, 3);
    expect(safetyStockNormal(0.9, input)).toBeCloseTo(1695.4, 0);
    // Hand-worked: d̄ = 100/week, σ = 20, L = 4 weeks → σ_L = 40; at 95 % SS = 1.6449 × 40 = 65.8.
    expect(
      safetyStockNormal(0.95, { demandMean: 100, demandSd: 20, leadTime: 4, leadTimeSd: 0 }),
    ).toBeCloseTo(65.8, 1);
  });

  it('needs no safety stock without demand', () => {
    expect(safetyStockNormal(0.99, { demandMean: 0, demandSd: 0, leadTime: 9, leadTimeSd: 2 })).toBe(0);
  });

  it('buffers lead-time variance alone when demand is certain', () => {
    // σ = d̄·σL = 50 × 2 = 100; SS at 90 % = 128.16.
    expect(safetyStockNormal(0.9, { demandMean: 50, demandSd: 0, leadTime: 3, leadTimeSd: 2 })).toBeCloseTo(
      128.16,
      2,
    );
  });

  it('refuses negative or non-finite inputs', () => {
    expect(() => leadTimeDemandSd({ demandMean: -1, demandSd: 0, leadTime: 1, leadTimeSd: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      leadTimeDemandSd({ demandMean: 1, demandSd: Number.NaN, leadTime: 1, leadTimeSd: 0 }),
    ).toThrow(RangeError);
  });
});

describe('fill rate of an (s, Q) policy', () => {
  /*
   * Chopra & Meindl (fill rate given a safety inventory): weekly demand 2,500, σ = 500, lead time 2 weeks,
   * Q = 10,000, SS = 1,000. σ_L = √2 × 500 = 707.1; k = SS/σ_L = 1.4142;
   * ESC = σ_L·G(k) = 707.1 × (φ(1.4142) − 1.4142·(1 − Φ(1.4142))) = 707.1 × (0.14676 − 0.11123) = 25.1;
   * fill rate = 1 − 25.1 / 10,000 = 0.9975.
   */
  it('reproduces the textbook fill rate', () => {
    expect(fillRateNormal(1000, Math.SQRT2 * 500, 10_000)).toBeCloseTo(0.9975, 4);
  });

  it('is complete without uncertainty and falls as the order quantity shrinks', () => {
    expect(fillRateNormal(0, 0, 100)).toBe(1);
    expect(fillRateNormal(1000, 707.1, 1000)).toBeLessThan(fillRateNormal(1000, 707.1, 10_000));
  });
});
