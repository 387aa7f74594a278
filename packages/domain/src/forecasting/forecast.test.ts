import { describe, expect, it } from 'vitest';
import { forecast } from './forecast';
import { AIR_PASSENGERS, M3_N0001 } from './test-data';
import { METHOD_NAMES, type MethodName } from './types';

/** A seasonal, trending, noisy monthly series (deterministic). */
function noisySeries(n: number): Float64Array {
  const y = new Float64Array(n);
  let state = 42;
  for (let t = 0; t < n; t++) {
    state = (state * 16807) % 2147483647;
    y[t] = 200 + 1.5 * t + 25 * Math.sin((2 * Math.PI * t) / 12) + (state / 2147483647 - 0.5) * 20;
  }
  return y;
}

describe('forecast()', () => {
  // SBA is left out on purpose: it deflates Croston by (1 − α/2) by design (checked below).
  const unbiased = METHOD_NAMES.filter((m) => m !== 'sba');
  it.each(unbiased.map((m) => [m]))('%s: a constant series forecasts that constant', (method) => {
    const y = new Float64Array(36).fill(17);
    const result = forecast({ y, period: 12, horizon: 6, method: method as MethodName });
    for (let h = 0; h < 6; h++) {
      expect(result.mean[h]).toBeCloseTo(17, 6);
      expect(result.lower95[h]).toBeCloseTo(17, 3);
      expect(result.upper95[h]).toBeCloseTo(17, 3);
    }
  });

  it('sba: a constant series forecasts (1 − α/2) times the constant', () => {
    const result = forecast({ y: new Float64Array(36).fill(17), period: 12, horizon: 2, method: 'sba' });
    expect(result.mean[0]).toBeCloseTo(17 * 0.95, 12);
  });

  it.each(METHOD_NAMES.map((m) => [m]))('%s: Float64Array outputs with nested intervals', (method) => {
    const result = forecast({ y: noisySeries(60), period: 12, horizon: 18, method: method as MethodName });
    expect(result.method).toBe(method);
    for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
      expect(result[key]).toBeInstanceOf(Float64Array);
      expect(result[key]).toHaveLength(18);
    }
    for (let h = 0; h < 18; h++) {
      expect(result.lower95[h]!).toBeLessThanOrEqual(result.lower80[h]! + 1e-9);
      expect(result.lower80[h]!).toBeLessThanOrEqual(result.mean[h]! + 1e-9);
      expect(result.mean[h]!).toBeLessThanOrEqual(result.upper80[h]! + 1e-9);
      expect(result.upper80[h]!).toBeLessThanOrEqual(result.upper95[h]! + 1e-9);
    }
    expect(result.model.length).toBeGreaterThan(0);
  });

  it.each(['naive', 'naive2', 'ses', 'holt', 'damped', 'ets', 'theta', 'auto'] as const)(
    '%s: intervals widen with the horizon on a non-seasonal series',
    (method) => {
      const result = forecast({ y: M3_N0001, period: 1, horizon: 6, method });
      for (let h = 1; h < 6; h++) {
        expect(result.upper95[h]! - result.lower95[h]!).toBeGreaterThan(
          result.upper95[h - 1]! - result.lower95[h - 1]!,
        );
        expect(result.upper80[h]! - result.lower80[h]!).toBeGreaterThan(
          result.upper80[h - 1]! - result.lower80[h - 1]!,
        );
      }
    },
  );

  it('auto combines ETS (Akaike weights) and Theta by default and reports its members', () => {
    const result = forecast({ y: AIR_PASSENGERS, period: 12, horizon: 12 });
    expect(result.method).toBe('auto');
    expect(result.model).toMatch(/^mean\(ETS weighted .*, Theta \(seasonally adjusted\)\)$/);
    expect(result.members).toHaveLength(2);
    expect(result.seasonal).toBe(true);
    const [ets, theta] = result.members!;
    for (let h = 0; h < 12; h++) expect(result.mean[h]).toBeCloseTo((ets!.mean[h]! + theta!.mean[h]!) / 2, 9);
    // The seasonal peak (July) stays above the trough (November) a year ahead.
    expect(result.mean[6]!).toBeGreaterThan(result.mean[10]! * 1.2);
  });

  it('auto sends intermittent demand to the Croston family', () => {
    const y = Float64Array.from([0, 0, 3, 0, 0, 2, 0, 0, 0, 4, 0, 0, 3, 0, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0]);
    const result = forecast({ y, period: 1, horizon: 4 });
    expect(result.demand.demandClass).toBe('intermittent');
    expect(result.model).toBe('SBA');
  });

  it('clips negative forecasts and bounds at zero unless nonNegative is false', () => {
    const y = Float64Array.from([100, 90, 80, 70, 60, 50, 40, 30, 20, 10]);
    const clipped = forecast({ y, period: 1, horizon: 5, method: 'holt' });
    const raw = forecast({ y, period: 1, horizon: 5, method: 'holt', options: { nonNegative: false } });
    expect(raw.mean[4]!).toBeLessThan(-30);
    expect(clipped.mean[4]).toBe(0);
    for (let h = 0; h < 5; h++) expect(clipped.lower95[h]!).toBeGreaterThanOrEqual(0);
  });

  it('seasonal methods put the season back after adjusting for it', () => {
    const result = forecast({ y: AIR_PASSENGERS, period: 12, horizon: 2, method: 'ses' });
    expect(result.model).toBe('SES (seasonally adjusted)');
    // Flat on the adjusted scale, so the ratio of two forecasts is the ratio of their seasonal indices.
    expect(result.mean[1]! / result.mean[0]!).toBeCloseTo(0.883625320694 / 0.910230367372, 9);
  });

  it('fixes the ETS model when asked and reports its parameters', () => {
    const result = forecast({
      y: AIR_PASSENGERS,
      period: 12,
      horizon: 3,
      method: 'ets',
      options: { etsModel: 'MAdM' },
    });
    expect(result.model).toBe('ETS(M,Ad,M)');
    expect(result.params.phi).toBeGreaterThanOrEqual(0.8);
    expect(result.params.gamma).toBeGreaterThan(0);
  });

  it('adds a rolling-origin backtest of the same method when asked', () => {
    const result = forecast({
      y: AIR_PASSENGERS,
      period: 12,
      horizon: 12,
      method: 'theta',
      options: { backtest: { origins: 4, step: 6 } },
    });
    const bt = result.backtest!;
    expect(bt.origins).toBe(4);
    expect(bt.points).toBe(48);
    expect(bt.smape).toBeGreaterThan(0);
    expect(bt.smape).toBeLessThan(15);
    expect(bt.mase).toBeGreaterThan(0);
    expect(bt.coverage95).toBeGreaterThanOrEqual(bt.coverage80);
  });

  it('handles very short histories', () => {
    for (const method of METHOD_NAMES) {
      const result = forecast({ y: Float64Array.from([5, 7]), period: 12, horizon: 3, method });
      expect(result.mean).toHaveLength(3);
      for (const v of result.mean) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('validates its input', () => {
    const y = Float64Array.from([1, 2, 3]);
    expect(() => forecast({ y: new Float64Array(0), period: 1, horizon: 1 })).toThrow(RangeError);
    expect(() => forecast({ y: Float64Array.from([1, Number.NaN]), period: 1, horizon: 1 })).toThrow(
      RangeError,
    );
    expect(() => forecast({ y, period: 0, horizon: 1 })).toThrow(RangeError);
    expect(() => forecast({ y, period: 1, horizon: 1.5 })).toThrow(RangeError);
    expect(() => forecast({ y, period: 1, horizon: 1, method: 'arima' as MethodName })).toThrow(RangeError);
    expect(() => forecast({ y: [1, 2] as unknown as Float64Array, period: 1, horizon: 1 })).toThrow(
      TypeError,
    );
  });

  it('does not modify the history', () => {
    const y = Float64Array.from(AIR_PASSENGERS);
    forecast({ y, period: 12, horizon: 12 });
    expect(Array.from(y)).toEqual(Array.from(AIR_PASSENGERS));
  });
});
