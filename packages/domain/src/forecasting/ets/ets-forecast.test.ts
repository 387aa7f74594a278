import { describe, expect, it } from 'vitest';
import { Z95 } from '../util/normal';
import type { EtsFit } from './ets-fit';
import {
  etsAnalyticVariance,
  etsIntervals,
  etsPointForecast,
  etsSimulate,
  intervalsFromPaths,
} from './ets-forecast';
import { type EtsSpec, parseEtsSpec } from './ets-spec';

/** A fitted model with chosen parameters and states, for checking the forecasting formulas. */
function model(spec: EtsSpec, overrides: Partial<EtsFit>): EtsFit {
  return {
    spec,
    period: 1,
    n: 30,
    alpha: 0.3,
    beta: 0.1,
    gamma: 0,
    phi: 1,
    initialLevel: 0,
    initialSlope: 0,
    initialSeason: new Float64Array(0),
    level: 100,
    slope: 2,
    season: new Float64Array(0),
    sigma2: 4,
    lik: 0,
    aic: 0,
    aicc: 0,
    bic: 0,
    parameterCount: 0,
    evaluations: 0,
    ...overrides,
  };
}

describe('point forecasts', () => {
  it('damped trend: ℓ + (φ + … + φ^h)·b', () => {
    const fit = model(parseEtsSpec('AAdN'), { phi: 0.9 });
    const mean = etsPointForecast(fit, 3);
    expect(mean[0]).toBeCloseTo(100 + 0.9 * 2, 12);
    expect(mean[1]).toBeCloseTo(100 + (0.9 + 0.81) * 2, 12);
    expect(mean[2]).toBeCloseTo(100 + (0.9 + 0.81 + 0.729) * 2, 12);
  });

  it('seasonal: uses the index of the target period', () => {
    // n = 30, m = 4: time 30 is slot 2.
    const season = Float64Array.from([1.1, 0.9, 1.2, 0.8]);
    const fit = model(parseEtsSpec('MNM'), { period: 4, season, level: 50 });
    const mean = etsPointForecast(fit, 5);
    expect(Array.from(mean).map((v) => +v.toFixed(10))).toEqual([60, 40, 55, 45, 60]);
  });
});

describe('analytic variances', () => {
  it('SES: σ²(1 + (h − 1)α²)', () => {
    const fit = model(parseEtsSpec('ANN'), {});
    const v = etsAnalyticVariance(fit, etsPointForecast(fit, 4))!;
    for (let h = 1; h <= 4; h++) expect(v[h - 1]).toBeCloseTo(4 * (1 + (h - 1) * 0.09), 12);
  });

  it('Holt: σ²[1 + (h − 1){α² + αβh + β²h(2h − 1)/6}] (Hyndman et al. 2008, Table 6.1)', () => {
    const fit = model(parseEtsSpec('AAN'), {});
    const v = etsAnalyticVariance(fit, etsPointForecast(fit, 6))!;
    const a = 0.3;
    const b = 0.1;
    for (let h = 1; h <= 6; h++) {
      const expected = 4 * (1 + (h - 1) * (a * a + a * b * h + (b * b * h * (2 * h - 1)) / 6));
      expect(v[h - 1]).toBeCloseTo(expected, 10);
    }
  });

  it('additive Holt-Winters adds γ at each full season', () => {
    const fit = model(parseEtsSpec('ANA'), { period: 2, gamma: 0.2, season: Float64Array.from([1, -1]) });
    const v = etsAnalyticVariance(fit, etsPointForecast(fit, 3))!;
    // c1 = α = 0.3, c2 = α + γ = 0.5
    expect(v[1]).toBeCloseTo(4 * (1 + 0.09), 12);
    expect(v[2]).toBeCloseTo(4 * (1 + 0.09 + 0.25), 12);
  });

  it('multiplicative errors (class 2) agree with simulation', () => {
    const fit = model(parseEtsSpec('MAdN'), { phi: 0.95, sigma2: 0.01 });
    const mean = etsPointForecast(fit, 8);
    const v = etsAnalyticVariance(fit, mean)!;
    const nsim = 20000;
    const paths = etsSimulate(fit, 8, nsim, 7);
    for (const h of [1, 4, 8]) {
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < nsim; i++) {
        const x = paths[(h - 1) * nsim + i]!;
        sum += x;
        sumSq += x * x;
      }
      const simMean = sum / nsim;
      const simVar = sumSq / nsim - simMean * simMean;
      expect(simMean / mean[h - 1]!).toBeCloseTo(1, 2);
      expect(simVar / v[h - 1]!).toBeGreaterThan(0.95);
      expect(simVar / v[h - 1]!).toBeLessThan(1.05);
    }
  });

  it('has none for multiplicative seasonality (simulated instead)', () => {
    const fit = model(parseEtsSpec('MAM'), {
      period: 4,
      gamma: 0.1,
      season: Float64Array.from([1.1, 0.9, 1.2, 0.8]),
    });
    expect(etsAnalyticVariance(fit, etsPointForecast(fit, 4))).toBeNull();
  });
});

describe('intervals', () => {
  it('simulated intervals of a linear model match its analytic ones', () => {
    const fit = model(parseEtsSpec('AAdN'), { phi: 0.9 });
    const mean = etsPointForecast(fit, 6);
    const analytic = etsIntervals(fit, mean);
    const simulated = intervalsFromPaths(etsSimulate(fit, 6, 4000, 11), 6, 4000);
    for (let h = 0; h < 6; h++) {
      const width = analytic.upper95[h]! - analytic.lower95[h]!;
      expect(Math.abs(simulated.upper95[h]! - analytic.upper95[h]!) / width).toBeLessThan(0.03);
      expect(Math.abs(simulated.lower80[h]! - analytic.lower80[h]!) / width).toBeLessThan(0.03);
    }
    expect(analytic.upper95[0]).toBeCloseTo(mean[0]! + Z95 * 2, 10);
  });

  it('widen with the horizon and nest (95% around 80% around the forecast)', () => {
    for (const spec of ['ANN', 'AAdN', 'MNN', 'MAM']) {
      const seasonal = spec.endsWith('M');
      const fit = model(parseEtsSpec(spec), {
        period: seasonal ? 4 : 1,
        gamma: seasonal ? 0.1 : 0,
        season: seasonal ? Float64Array.from([1.1, 0.9, 1.2, 0.8]) : new Float64Array(0),
        sigma2: spec.startsWith('M') ? 0.002 : 4,
      });
      const mean = etsPointForecast(fit, 12);
      const b = etsIntervals(fit, mean);
      for (let h = 0; h < 12; h++) {
        expect(b.lower95[h]!).toBeLessThan(b.lower80[h]!);
        expect(b.lower80[h]!).toBeLessThan(mean[h]!);
        expect(b.upper80[h]!).toBeGreaterThan(mean[h]!);
        expect(b.upper95[h]!).toBeGreaterThan(b.upper80[h]!);
        if (h > 0 && !seasonal)
          expect(b.upper95[h]! - b.lower95[h]!).toBeGreaterThan(b.upper95[h - 1]! - b.lower95[h - 1]!);
      }
      if (seasonal) {
        // Relative width grows across whole seasons.
        const rel = (h: number) => (b.upper95[h]! - b.lower95[h]!) / mean[h]!;
        expect(rel(4)).toBeGreaterThan(rel(0));
        expect(rel(8)).toBeGreaterThan(rel(4));
      }
    }
  });

  it('one step ahead, Latin-hypercube paths give the normal quantiles almost exactly', () => {
    const fit = model(parseEtsSpec('ANN'), {});
    const simulated = intervalsFromPaths(etsSimulate(fit, 1, 1000, 3), 1, 1000);
    expect(simulated.upper95[0]).toBeCloseTo(100 + Z95 * 2, 1);
    expect(simulated.lower95[0]).toBeCloseTo(100 - Z95 * 2, 1);
  });

  it('simulation is reproducible for a seed', () => {
    const fit = model(parseEtsSpec('MNN'), { sigma2: 0.01 });
    expect(Array.from(etsSimulate(fit, 3, 100, 5))).toEqual(Array.from(etsSimulate(fit, 3, 100, 5)));
  });
});
