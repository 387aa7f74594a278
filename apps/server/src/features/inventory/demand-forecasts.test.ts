import { crostonRun } from '@sentia/domain';
import { describe, expect, it } from 'vitest';
import { demandStatistics, FORECAST_WEEKS } from './demand-forecasts';

describe('demand statistics from the forecasting engine', () => {
  it('has nothing to plan without demand', () => {
    const stats = demandStatistics(new Array(20).fill(0));
    expect(stats).toMatchObject({
      method: 'count',
      sdPerWeek: 0,
      demandClass: 'zero',
      model: 'Zero (no demand)',
    });
    expect(stats.weeklyForecast).toEqual(new Array(FORECAST_WEEKS).fill(0));
  });

  it('forecasts a steady series flat, with no error to buffer, by the normal method', () => {
    const stats = demandStatistics([0, 0, 0, ...new Array(30).fill(70)]);
    // Leading weeks before the first sale are not history: 30 weeks, not 33.
    expect(stats.historyWeeks).toBe(30);
    expect(stats.method).toBe('normal');
    expect(stats.weeklyForecast[0]).toBeCloseTo(70, 6);
    expect(stats.sdPerWeek).toBeCloseTo(0, 6);
  });

  it('works from one week of history', () => {
    const stats = demandStatistics([12]);
    expect(stats.historyWeeks).toBe(1);
    expect(stats.weeklyForecast[0]).toBe(12);
  });

  it('treats intermittent demand with SBA and its one-step error', () => {
    // A sale every third week (ADI = 3 ≥ 1.32) of 6 or 12 units (CV² = ((6−9)² + (12−9)²)/2 ÷ 9² = 0.11 < 0.49):
    // the "intermittent" class, which the engine forecasts with SBA (α = 0.1).
    const history = Array.from({ length: 60 }, (_, t) => (t % 3 === 0 ? (t % 2 === 0 ? 6 : 12) : 0));
    const stats = demandStatistics(history);
    expect(stats).toMatchObject({ method: 'count', model: 'SBA', demandClass: 'intermittent' });
    const y = Float64Array.from(history);
    const origin = new Float64Array(y.length);
    crostonRun(y, 0.1, 'sba', origin);
    let sse = 0;
    let n = 0;
    for (let t = 0; t + 1 < y.length; t++) {
      if (!Number.isFinite(origin[t]!)) continue;
      sse += (y[t + 1]! - origin[t]!) ** 2;
      n++;
    }
    expect(stats.sdPerWeek).toBeCloseTo(Math.sqrt(sse / n), 9);
    // SBA's level: about 9 units every 3 weeks, deflated by (1 − α/2).
    expect(stats.weeklyForecast[0]).toBeGreaterThan(2.5);
    expect(stats.weeklyForecast[0]).toBeLessThan(3.1);
  });
});
