import type { BacktestOptions, BacktestResult, MethodForecast } from '../types';
import { maseScale, smapeTerm } from './accuracy';

/** Fewest training observations a backtest origin may have. */
export const MIN_TRAINING = 3;

/** Fits on a training prefix and forecasts `horizon` steps. */
export type Forecaster = (train: Float64Array, horizon: number) => MethodForecast;

/**
 * Rolling-origin evaluation: the method is refitted on y[0..t) for origins t = n − H − (k−1)·step, …,
 * n − H (k = origins, H = horizon) and its forecasts of y[t..t+H) are scored. sMAPE, bias and coverage are
 * averaged over all scored points; MASE divides each absolute error by the seasonal naive MAE of its own
 * training prefix (points whose scale is 0 are left out of MASE). Origins with fewer than 3 training
 * observations are skipped.
 */
export function rollingOriginBacktest(
  y: Float64Array,
  period: number,
  forecaster: Forecaster,
  options: BacktestOptions & { horizon: number },
): BacktestResult {
  const n = y.length;
  const horizon = Math.max(1, Math.floor(options.horizon));
  const origins = Math.max(1, Math.floor(options.origins ?? 3));
  const step = Math.max(1, Math.floor(options.step ?? 1));
  let points = 0;
  let maseTerms = 0;
  let smapeSum = 0;
  let maseSum = 0;
  let biasSum = 0;
  let in80 = 0;
  let in95 = 0;
  let used = 0;
  for (let k = origins - 1; k >= 0; k--) {
    const t = n - horizon - k * step;
    if (t < MIN_TRAINING) continue;
    const train = y.subarray(0, t);
    const fc = forecaster(train, horizon);
    const scale = maseScale(train, period);
    used++;
    for (let j = 0; j < horizon && t + j < n; j++) {
      const actual = y[t + j]!;
      const f = fc.mean[j]!;
      points++;
      smapeSum += smapeTerm(actual, f);
      biasSum += f - actual;
      if (scale > 0) {
        maseSum += Math.abs(actual - f) / scale;
        maseTerms++;
      }
      if (actual >= fc.lower80[j]! && actual <= fc.upper80[j]!) in80++;
      if (actual >= fc.lower95[j]! && actual <= fc.upper95[j]!) in95++;
    }
  }
  const per = (v: number, count: number) => (count > 0 ? v / count : Number.NaN);
  return {
    origins: used,
    points,
    horizon,
    smape: per(smapeSum, points),
    mase: per(maseSum, maseTerms),
    bias: per(biasSum, points),
    coverage80: per(in80, points),
    coverage95: per(in95, points),
  };
}
