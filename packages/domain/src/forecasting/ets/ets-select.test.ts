import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS, M3_N0001 } from '../test-data';
import { etsCandidates, fitEtsFamily, selectEts } from './ets-select';
import { etsName, etsParameterCount, parseEtsSpec } from './ets-spec';

describe('ETS model family', () => {
  it('has the candidates of R ets() with restrict = TRUE', () => {
    expect(etsCandidates(AIR_PASSENGERS, 12).map(etsName)).toHaveLength(15);
    expect(etsCandidates(M3_N0001, 1).map(etsName)).toEqual([
      'ETS(A,N,N)',
      'ETS(A,A,N)',
      'ETS(A,Ad,N)',
      'ETS(M,N,N)',
      'ETS(M,A,N)',
      'ETS(M,Ad,N)',
    ]);
    const withZero = Float64Array.from(AIR_PASSENGERS);
    withZero[5] = 0;
    const names = etsCandidates(withZero, 12).map(etsName);
    expect(names).toHaveLength(6);
    expect(names.every((n) => n.startsWith('ETS(A,') && !n.endsWith(',M)'))).toBe(true);
    expect(etsCandidates(M3_N0001, 1, { allowDamped: false })).toHaveLength(4);
  });

  it('counts parameters as R does (smoothing, initial states with m − 1 seasonal, σ²)', () => {
    expect(etsParameterCount(parseEtsSpec('ANN'), 1)).toBe(3);
    expect(etsParameterCount(parseEtsSpec('MAdN'), 1)).toBe(6);
    expect(etsParameterCount(parseEtsSpec('MAdM'), 12)).toBe(18);
  });

  it('parses model names', () => {
    expect(parseEtsSpec('ETS(M,Ad,N)')).toEqual({ error: 'M', trend: 'Ad', season: 'N' });
    expect(parseEtsSpec('AAA')).toEqual({ error: 'A', trend: 'A', season: 'A' });
    expect(() => parseEtsSpec('XYZ')).toThrow(RangeError);
  });

  it('selects a multiplicative seasonal model for AirPassengers, as R does', () => {
    const fit = selectEts(AIR_PASSENGERS, 12)!;
    expect(fit.spec.season).toBe('M');
  });

  it('selects a non-seasonal model for white noise', () => {
    const y = new Float64Array(60);
    let state = 1;
    for (let t = 0; t < 60; t++) {
      state = (state * 16807) % 2147483647;
      y[t] = 100 + (state / 2147483647 - 0.5) * 10;
    }
    const fit = selectEts(y, 12)!;
    expect(fit.spec.season).toBe('N');
    expect(fit.spec.trend).toBe('N');
  });

  it('orders the family by AICc with Akaike weights summing to 1', () => {
    const fam = fitEtsFamily(M3_N0001, 1)!;
    let sum = 0;
    for (let i = 0; i < fam.fits.length; i++) {
      sum += fam.weights[i]!;
      if (i > 0) {
        expect(fam.fits[i]!.aicc).toBeGreaterThanOrEqual(fam.fits[i - 1]!.aicc);
        expect(fam.weights[i]! / fam.weights[0]!).toBeCloseTo(
          Math.exp(-0.5 * (fam.fits[i]!.aicc - fam.fits[0]!.aicc)),
          10,
        );
      }
    }
    expect(sum).toBeCloseTo(1, 12);
  });
});
