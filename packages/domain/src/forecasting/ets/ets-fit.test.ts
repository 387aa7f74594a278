import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS, M3_N0001 } from '../test-data';
import { fitEts } from './ets-fit';
import { etsIntervals, etsPointForecast } from './ets-forecast';
import { parseEtsSpec } from './ets-spec';

describe('fitEts against R forecast::ets() 8.20 on M3 series N0001', () => {
  it('ETS(A,N,N): same likelihood, AICc, σ² and forecasts', () => {
    // R: alpha 0.9999, sigma2 122547.800631, aicc 207.216283286, forecast 4936.93507622,
    //    95% interval h=1..3 lower 4250.81385538 3966.66166132 3748.61749677
    const fit = fitEts(M3_N0001, 1, parseEtsSpec('ANN'))!;
    expect(fit.aicc).toBeCloseTo(207.216283286, 3);
    expect(fit.sigma2 / 122547.800631).toBeCloseTo(1, 4);
    const mean = etsPointForecast(fit, 3);
    expect(mean[0]).toBeCloseTo(4936.93507622, 2);
    const bounds = etsIntervals(fit, mean);
    const lower95 = [4250.81385538, 3966.66166132, 3748.61749677];
    for (let h = 0; h < 3; h++) expect(bounds.lower95[h]! / lower95[h]!).toBeCloseTo(1, 5);
  });

  it('ETS(M,N,N): class 2 intervals as R computes them', () => {
    // R: aicc 202.587171773; 95% lower 3511.42616899 2910.15459168 2441.20976086,
    //    upper 6362.44399433 6963.71557163 7432.66040245
    const fit = fitEts(M3_N0001, 1, parseEtsSpec('MNN'))!;
    expect(fit.aicc).toBeCloseTo(202.587171773, 3);
    const mean = etsPointForecast(fit, 3);
    const bounds = etsIntervals(fit, mean);
    const lower = [3511.42616899, 2910.15459168, 2441.20976086];
    const upper = [6362.44399433, 6963.71557163, 7432.66040245];
    for (let h = 0; h < 3; h++) {
      expect(bounds.lower95[h]! / lower[h]!).toBeCloseTo(1, 3);
      expect(bounds.upper95[h]! / upper[h]!).toBeCloseTo(1, 3);
    }
  });

  it('ETS(A,A,N): the same forecasts, with a likelihood at least as good as R’s', () => {
    // R: forecast 5486.12205277 6035.25058833 6584.37912388, aicc 182.689548706
    const fit = fitEts(M3_N0001, 1, parseEtsSpec('AAN'))!;
    const mean = etsPointForecast(fit, 3);
    const expected = [5486.12205277, 6035.25058833, 6584.37912388];
    for (let h = 0; h < 3; h++) expect(mean[h]! / expected[h]!).toBeCloseTo(1, 4);
    expect(fit.aicc).toBeLessThanOrEqual(182.689548706 + 1e-6);
    expect(fit.beta).toBeLessThanOrEqual(fit.alpha);
  });
});

describe('fitEts invariants', () => {
  it('a constant series forecasts that constant with zero-width intervals', () => {
    const y = new Float64Array(20).fill(42);
    for (const model of ['ANN', 'AAN', 'AAdN', 'MNN', 'MAdN']) {
      const fit = fitEts(y, 1, parseEtsSpec(model))!;
      const mean = etsPointForecast(fit, 5);
      const bounds = etsIntervals(fit, mean);
      for (let h = 0; h < 5; h++) {
        expect(mean[h]).toBeCloseTo(42, 6);
        expect(bounds.upper95[h]! - bounds.lower95[h]!).toBeCloseTo(0, 4);
      }
    }
  });

  it('Holt extends a pure linear trend', () => {
    const y = new Float64Array(25);
    for (let t = 0; t < 25; t++) y[t] = 50 + 3.5 * t;
    const fit = fitEts(y, 1, parseEtsSpec('AAN'))!;
    const mean = etsPointForecast(fit, 10);
    for (let h = 1; h <= 10; h++) expect(mean[h - 1]).toBeCloseTo(50 + 3.5 * (24 + h), 3);
  });

  it('Holt-Winters reproduces a noise-free additive seasonal series', () => {
    const pattern = [12, -5, 3, -10];
    const y = new Float64Array(40);
    for (let t = 0; t < 40; t++) y[t] = 100 + 2 * t + pattern[t % 4]!;
    const fit = fitEts(y, 4, parseEtsSpec('AAA'))!;
    const mean = etsPointForecast(fit, 8);
    for (let h = 1; h <= 8; h++) {
      const t = 39 + h;
      expect(mean[h - 1]).toBeCloseTo(100 + 2 * t + pattern[t % 4]!, 2);
    }
  });

  it('Holt-Winters reproduces a noise-free multiplicative seasonal series', () => {
    const pattern = [1.2, 0.8, 1.1, 0.9];
    const y = new Float64Array(48);
    for (let t = 0; t < 48; t++) y[t] = (200 + 5 * t) * pattern[t % 4]!;
    const fit = fitEts(y, 4, parseEtsSpec('MAM'))!;
    const mean = etsPointForecast(fit, 8);
    for (let h = 1; h <= 8; h++) {
      const t = 47 + h;
      expect(mean[h - 1]! / ((200 + 5 * t) * pattern[t % 4]!)).toBeCloseTo(1, 3);
    }
  });

  it('fits AirPassengers better with multiplicative than additive seasonality', () => {
    const mam = fitEts(AIR_PASSENGERS, 12, parseEtsSpec('MAM'))!;
    const aaa = fitEts(AIR_PASSENGERS, 12, parseEtsSpec('AAA'))!;
    expect(mam.aicc).toBeLessThan(aaa.aicc);
    expect(mam.gamma).toBeLessThanOrEqual(1 - mam.alpha);
  });

  it('keeps parameters inside the usual bounds', () => {
    const fit = fitEts(AIR_PASSENGERS, 12, parseEtsSpec('MAdM'))!;
    expect(fit.alpha).toBeGreaterThan(0);
    expect(fit.alpha).toBeLessThan(1);
    expect(fit.beta).toBeLessThanOrEqual(fit.alpha);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
  });

  it('a warm start from the additive-error twin reaches the same optimum', () => {
    const twin = fitEts(M3_N0001, 1, parseEtsSpec('AAdN'))!;
    const cold = fitEts(M3_N0001, 1, parseEtsSpec('MAdN'))!;
    const warm = fitEts(M3_N0001, 1, parseEtsSpec('MAdN'), { start: twin })!;
    expect(warm.lik).toBeCloseTo(cold.lik, 2);
    expect(warm.evaluations).toBeLessThan(cold.evaluations);
    const seasonalTwin = fitEts(AIR_PASSENGERS, 12, parseEtsSpec('AAA'))!;
    const seasonalCold = fitEts(AIR_PASSENGERS, 12, parseEtsSpec('MAA'))!;
    const seasonalWarm = fitEts(AIR_PASSENGERS, 12, parseEtsSpec('MAA'), { start: seasonalTwin })!;
    expect(seasonalWarm.lik).toBeCloseTo(seasonalCold.lik, 1);
  });

  it('honours fixed parameters', () => {
    const fit = fitEts(M3_N0001, 1, parseEtsSpec('ANN'), { alpha: 0.3 })!;
    expect(fit.alpha).toBe(0.3);
  });

  it('declines models the data cannot support', () => {
    expect(fitEts(AIR_PASSENGERS.subarray(0, 20), 12, parseEtsSpec('AAA'))).toBeNull();
    const withZero = Float64Array.from([3, 0, 4, 5, 6, 2, 3, 4]);
    expect(fitEts(withZero, 1, parseEtsSpec('MNN'))).toBeNull();
    expect(fitEts(Float64Array.from([1, 2]), 1, parseEtsSpec('AAdN'))).toBeNull();
  });
});
