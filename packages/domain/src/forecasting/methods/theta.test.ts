import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS, M3_N0001 } from '../test-data';
import { MethodContext } from './context';
import { thetaMethod } from './theta';

function expectRelative(actual: Float64Array, expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]! / expected[i]!).toBeCloseTo(1, digits);
}

describe('Theta method against R forecast::thetaf() 8.20', () => {
  it('non-seasonal M3 series N0001', () => {
    const fc = thetaMethod(new MethodContext(M3_N0001, 1, 6));
    expectRelative(
      fc.mean,
      [5085.06983663, 5233.18978169, 5381.30972674, 5529.4296718, 5677.54961685, 5825.66956191],
      6,
    );
    expectRelative(
      fc.lower80,
      [4636.43928441, 4598.76209644, 4604.31062557, 4632.23586964, 4674.46146816, 4726.84521313],
      5,
    );
    expectRelative(
      fc.upper95,
      [5771.19105747, 6203.46319659, 6569.62730619, 6901.56918351, 7211.640556, 7506.17638413],
      5,
    );
  });

  it('seasonal AirPassengers (multiplicative decomposition, reseasonalised)', () => {
    const fc = thetaMethod(new MethodContext(AIR_PASSENGERS, 12, 14));
    expect(fc.seasonal).toBe(true);
    expectRelative(
      fc.mean,
      [
        440.078191082, 428.384280557, 489.70709867, 475.704627661, 479.670388669, 545.366272154,
        602.752001822, 601.100763091, 523.951492159, 456.627144913, 397.953734666, 447.644908743,
        454.529768933, 442.413454458,
      ],
      4,
    );
    // R's thetaf() puts the adjusted-scale standard error around the reseasonalised mean; this engine
    // scales it by the seasonal index too (the interval of the adjusted forecast, reseasonalised), so the
    // half-widths differ exactly by that index.
    const rMean = [440.078191082, 428.384280557, 489.70709867];
    const rLower95 = [418.996718569, 400.882624469, 457.0229482];
    const figure = [0.910230367372, 0.883625320694, 1.0073662876]; // positions of times 144, 145, 146
    for (let h = 0; h < 3; h++) {
      const ours = fc.mean[h]! - fc.lower95[h]!;
      const theirs = rMean[h]! - rLower95[h]!;
      expect(ours / (theirs * figure[h]!)).toBeCloseTo(1, 3);
    }
  });

  it('continues a linear trend with half its slope added to SES (θ = 2 line combined with θ = 0)', () => {
    const y = new Float64Array(30);
    for (let t = 0; t < 30; t++) y[t] = 10 + 2 * t;
    const fc = thetaMethod(new MethodContext(y, 1, 3));
    // SES follows the last value (α → 1), drift b/2 = 1 per step: 68 + 1·((h − 1) + 1).
    expect(fc.mean[0]).toBeCloseTo(69, 2);
    expect(fc.mean[2]).toBeCloseTo(71, 2);
    expect(fc.params.drift).toBeCloseTo(1, 10);
  });
});
