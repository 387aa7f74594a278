import { describe, expect, it } from 'vitest';
import { computePolicy, type PolicyInput, type PolicyParameters } from './policy';

const weeks = (value: number, n = 52) => Array.from({ length: n }, () => value);

const params: PolicyParameters = {
  serviceLevel: 0.9,
  orderingCostGbpMinor: 10_000,
  holdingRate: 0.25,
  reviewPeriodDays: 28,
};

describe('inventory policy', () => {
  /*
   * Chopra & Meindl (safety inventory for a periodic review policy): weekly demand 2,500, σ = 500,
   * lead time L = 2 weeks, review interval T = 4 weeks, CSL = 0.90.
   * σ over T + L = √6 × 500 = 1,224.7; SS = 1.2816 × 1,224.7 = 1,569.6; order-up-to = 6 × 2,500 + 1,569.6
   * = 16,569.6.  The (s, Q) side over L alone: σ_L = √2 × 500 = 707.1, SS = 906.2, s = 5,000 + 906.2.
   */
  it('reproduces the periodic-review order-up-to level and the (s, Q) reorder point', () => {
    const input: PolicyInput = {
      weeklyForecast: weeks(2500),
      demandSdPerWeek: 500,
      method: 'normal',
      leadTimeMeanDays: 14,
      leadTimeSdDays: 0,
      unitCostGbpMinor: 1000,
      moq: 1,
      packSize: 1,
    };
    const policy = computePolicy(input, params);
    expect(policy.orderUpTo).toBeCloseTo(16_569.6, 0);
    expect(policy.safetyStock).toBeCloseTo(906.2, 1);
    expect(policy.reorderPoint).toBeCloseTo(5906.2, 1);
    expect(policy.z).toBeCloseTo(1.2816, 4);
    // D = 130,000/yr, K = £100 (10,000 p), h = 25 % × 1,000 p = 250 p → EOQ = √(2·130,000·10,000/250) = 3,224.9.
    expect(policy.annualDemand).toBe(130_000);
    expect(policy.economicOrderQuantity).toBeCloseTo(3224.9, 1);
    expect(policy.orderQuantity).toBe(3225);
    // SS value 906.19 × 1,000 p = £9,061.94; a year's holding at 25 % = £2,265.49.
    expect(policy.safetyStockValueGbpMinor).toBe(906_194);
    expect(policy.safetyStockHoldingCostGbpMinor).toBeCloseTo(226_549, -1);
    // Fill rate: G(1.2816) = φ(1.2816) − 1.2816 × 0.10 = 0.17550 − 0.12816 = 0.04734;
    // ESC = 707.1 × 0.04734 = 33.47; 1 − 33.47 / 3,225 = 0.9896.
    expect(policy.expectedFillRate).toBeCloseTo(0.9896, 4);
  });

  it('works from a single week of forecast (one period of history)', () => {
    const policy = computePolicy(
      {
        weeklyForecast: [70],
        demandSdPerWeek: 0,
        method: 'normal',
        leadTimeMeanDays: 14,
        leadTimeSdDays: 0,
        unitCostGbpMinor: 500,
        moq: 1,
        packSize: 1,
      },
      params,
    );
    // The one week is extrapolated: L = 2 weeks → lead-time demand 140, no uncertainty → SS 0.
    expect(policy.leadTimeDemandMean).toBe(140);
    expect(policy.safetyStock).toBe(0);
    expect(policy.reorderPoint).toBe(140);
    expect(policy.annualDemand).toBe(70 * 52);
    expect(policy.expectedFillRate).toBe(1);
  });

  it('plans nothing but the MOQ rule for an item without demand', () => {
    const policy = computePolicy(
      {
        weeklyForecast: weeks(0, 8),
        demandSdPerWeek: 0,
        method: 'count',
        leadTimeMeanDays: 21,
        leadTimeSdDays: 3,
        unitCostGbpMinor: 500,
        moq: 120,
        packSize: 6,
      },
      params,
    );
    expect(policy.safetyStock).toBe(0);
    expect(policy.reorderPoint).toBe(0);
    expect(policy.orderQuantity).toBe(0);
    expect(policy.expectedFillRate).toBe(1);
  });

  it('uses the count quantile for intermittent demand', () => {
    // 1 a week, σ = 1 a week, L = 2 weeks, σL = 0 → lead-time demand mean 2, variance 2 → Poisson(2);
    // 95 % → s = 5 (see discrete-demand.test.ts), SS = 3.
    const policy = computePolicy(
      {
        weeklyForecast: weeks(1),
        demandSdPerWeek: 1,
        method: 'count',
        leadTimeMeanDays: 14,
        leadTimeSdDays: 0,
        unitCostGbpMinor: 2000,
        moq: 6,
        packSize: 6,
      },
      { ...params, serviceLevel: 0.95 },
    );
    expect(policy.z).toBeNull();
    expect(policy.reorderPoint).toBe(5);
    expect(policy.safetyStock).toBe(3);
    expect(policy.orderQuantity % 6).toBe(0);
  });

  it('takes demand over the lead time from a seasonal forecast, not the annual mean', () => {
    const seasonal = [...weeks(100, 4), ...weeks(10, 48)];
    const policy = computePolicy(
      {
        weeklyForecast: seasonal,
        demandSdPerWeek: 0,
        method: 'normal',
        leadTimeMeanDays: 28,
        leadTimeSdDays: 0,
        unitCostGbpMinor: 100,
        moq: 1,
        packSize: 1,
      },
      params,
    );
    expect(policy.demandMeanPerWeek).toBe(100);
    expect(policy.leadTimeDemandMean).toBe(400);
  });
});
