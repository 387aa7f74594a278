import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS, M3_N0001 } from '../test-data';
import { deseasonalize, reseasonalize, seasonalIndices } from './decomposition';
import { seasonalAdjustment } from './seasonal-adjustment';
import { seasonalityTest } from './seasonality-test';

describe('seasonalIndices (classical decomposition)', () => {
  it('matches R decompose(AirPassengers, "multiplicative")$figure', () => {
    const figure = seasonalIndices(AIR_PASSENGERS, 12, 'multiplicative')!;
    const expected = [
      0.910230367372, 0.883625320694, 1.0073662876, 0.975906012323, 0.981378027495, 1.11277582668,
      1.22655554293, 1.21991096945, 1.06049193265, 0.92175724041, 0.801178082413, 0.898824389985,
    ];
    for (let p = 0; p < 12; p++) expect(figure[p]).toBeCloseTo(expected[p]!, 9);
  });

  it('matches R decompose(AirPassengers, "additive")$figure', () => {
    const figure = seasonalIndices(AIR_PASSENGERS, 12, 'additive')!;
    const expected = [
      -24.7487373737, -36.1881313131, -2.24116161616, -8.03661616162, -4.50631313131, 35.4027777778,
      63.8308080808, 62.8232323232, 16.5202020202, -20.6426767677, -53.5934343434, -28.6199494949,
    ];
    for (let p = 0; p < 12; p++) expect(figure[p]).toBeCloseTo(expected[p]!, 8);
  });

  it('uses a simple centred average for an odd period (R, frequency 5)', () => {
    const y = Float64Array.from([5, 7, 9, 6, 8, 6, 8, 11, 7, 9, 7, 9, 12, 8, 11, 8, 10, 13, 9, 12]);
    const figure = seasonalIndices(y, 5, 'multiplicative')!;
    const expected = [0.790312268079, 0.996090461013, 1.29184960316, 0.835536406442, 1.0862112613];
    for (let p = 0; p < 5; p++) expect(figure[p]).toBeCloseTo(expected[p]!, 9);
  });

  it('needs two full cycles', () => {
    expect(seasonalIndices(AIR_PASSENGERS.subarray(0, 23), 12, 'multiplicative')).toBeNull();
    expect(seasonalIndices(AIR_PASSENGERS.subarray(0, 24), 12, 'multiplicative')).not.toBeNull();
  });

  it('deseasonalize then reseasonalize returns the series', () => {
    const figure = seasonalIndices(AIR_PASSENGERS, 12, 'multiplicative')!;
    const adjusted = deseasonalize(AIR_PASSENGERS, figure, 'multiplicative');
    // Reseasonalising the adjusted values of the last 5 points as if they followed 139 points.
    const tail = adjusted.slice(139);
    reseasonalize(tail, 139, figure, 'multiplicative');
    for (let i = 0; i < 5; i++) expect(tail[i]).toBeCloseTo(AIR_PASSENGERS[139 + i]!, 9);
  });
});

describe('seasonalityTest (90% ACF test of the M3 Theta method)', () => {
  it('finds AirPassengers seasonal with the statistic R thetaf() computes', () => {
    const result = seasonalityTest(AIR_PASSENGERS, 12);
    expect(result.seasonal).toBe(true);
    expect(result.statistic).toBeCloseTo(2.4885154559, 8);
    expect(result.acfAtPeriod).toBeCloseTo(0.760395042263, 9);
  });

  it('finds a trend without seasonality not seasonal when tested on differences', () => {
    const y = new Float64Array(40);
    for (let t = 0; t < 40; t++) y[t] = 100 + 3 * t + ((t * 7919) % 13) / 13;
    expect(seasonalityTest(y, 4, 'differences').seasonal).toBe(false);
  });

  it('is not applicable to yearly data, short series or constants', () => {
    expect(seasonalityTest(M3_N0001, 1).seasonal).toBe(false);
    expect(seasonalityTest(AIR_PASSENGERS.subarray(0, 24), 12).seasonal).toBe(false);
    expect(seasonalityTest(new Float64Array(48).fill(5), 12).seasonal).toBe(false);
  });
});

describe('seasonalAdjustment', () => {
  it('divides out multiplicative indices for positive data', () => {
    const adj = seasonalAdjustment(AIR_PASSENGERS, 12);
    expect(adj.seasonal).toBe(true);
    expect(adj.type).toBe('multiplicative');
    expect(adj.adjusted[0]).toBeCloseTo(112 / 0.910230367372, 6);
  });

  it('uses additive indices when the series has zeros', () => {
    const y = new Float64Array(48);
    for (let t = 0; t < 48; t++) y[t] = t % 4 === 0 ? 0 : 10 + (t % 4) * 5;
    const adj = seasonalAdjustment(y, 4);
    expect(adj.seasonal).toBe(true);
    expect(adj.type).toBe('additive');
    let sum = 0;
    for (const v of adj.indices) sum += v;
    expect(sum).toBeCloseTo(0, 9);
  });

  it('leaves a non-seasonal series alone', () => {
    const adj = seasonalAdjustment(M3_N0001, 1);
    expect(adj.seasonal).toBe(false);
    expect(adj.adjusted).toBe(M3_N0001);
  });
});
