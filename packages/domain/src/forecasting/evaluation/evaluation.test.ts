import { describe, expect, it } from 'vitest';
import { laggedWalk } from '../methods/naive';
import { bias, coverage, mase, maseScale, smape, smapeTerm } from './accuracy';
import { rollingOriginBacktest } from './backtest';

describe('accuracy measures', () => {
  it('sMAPE as in M3: mean of 200·|y − f| / (|y| + |f|), 0/0 counted as 0', () => {
    expect(smapeTerm(100, 110)).toBeCloseTo(2000 / 210, 12);
    expect(smapeTerm(0, 0)).toBe(0);
    expect(smapeTerm(0, 5)).toBe(200);
    expect(smape([100, 50], [110, 50])).toBeCloseTo(1000 / 210, 12);
  });

  it('MASE scaled by the in-sample seasonal naive MAE', () => {
    // lag 2: |3 − 1|, |4 − 2|, |9 − 3| → mean 10/3
    expect(maseScale([1, 2, 3, 4, 9], 2)).toBeCloseTo(10 / 3, 12);
    // lag 1 when the history is not longer than the season
    expect(maseScale([1, 2, 4], 4)).toBeCloseTo(1.5, 12);
    expect(mase([10, 20], [12, 17], 2.5)).toBeCloseTo(1, 12);
  });

  it('bias is forecast minus actual; coverage is the share inside', () => {
    expect(bias([10, 20], [12, 22])).toBe(2);
    expect(coverage([1, 5, 9], [0, 0, 0], [2, 6, 8])).toBeCloseTo(2 / 3, 12);
  });
});

describe('rollingOriginBacktest', () => {
  it('scores naive on a line by hand', () => {
    // y = 1..10, H = 2, two origins (t = 7, 8): naive forecasts 7 and 8, errors −1, −2 at each origin.
    const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const result = rollingOriginBacktest(y, 1, (train, h) => laggedWalk(train, 1, h), {
      horizon: 2,
      origins: 2,
    });
    expect(result.origins).toBe(2);
    expect(result.points).toBe(4);
    expect(result.bias).toBeCloseTo(-1.5, 12);
    expect(result.mase).toBeCloseTo(1.5, 12);
    expect(result.smape).toBeCloseTo((200 / 15 + 400 / 16 + 200 / 17 + 400 / 18) / 4, 10);
    // σ = 1: h = 1 inside both intervals; h = 2 (7 ± 1.81 for 80%, ± 2.77 for 95%) misses 9 only at 80%.
    expect(result.coverage80).toBeCloseTo(0.5, 12);
    expect(result.coverage95).toBeCloseTo(1, 12);
  });

  it('skips origins with too little history and reports no points when none is left', () => {
    const y = Float64Array.from([1, 2, 3, 4]);
    const result = rollingOriginBacktest(y, 1, (train, h) => laggedWalk(train, 1, h), {
      horizon: 2,
      origins: 3,
    });
    expect(result.origins).toBe(0);
    expect(result.points).toBe(0);
    expect(Number.isNaN(result.smape)).toBe(true);
  });

  it('steps origins back by `step`', () => {
    const y = new Float64Array(30);
    for (let t = 0; t < 30; t++) y[t] = t % 3;
    const seen: number[] = [];
    rollingOriginBacktest(
      y,
      1,
      (train, h) => {
        seen.push(train.length);
        return laggedWalk(train, 1, h);
      },
      { horizon: 4, origins: 3, step: 5 },
    );
    expect(seen).toEqual([16, 21, 26]);
  });
});
