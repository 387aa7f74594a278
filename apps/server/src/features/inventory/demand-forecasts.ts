import type { SafetyStockMethod } from '@sentia/domain';
import { crostonRun, type ForecastResult, forecast, tsbRun } from '@sentia/domain';

/** Weeks of history the demand statistics look at (three years, enough for weekly seasonality). */
export const HISTORY_WEEKS = 156;
/** Weeks forecast ahead: a year, for annual demand (EOQ) and seasonal lead-time demand. */
export const FORECAST_WEEKS = 52;
/** Seasonal models need two full years of weekly history. */
const SEASONAL_MIN_WEEKS = 104;
/** Half-width of a central 80% interval in standard deviations. */
const Z80 = 1.2815515655446004;

export interface DemandStatistics {
  weeklyForecast: number[];
  /** Standard deviation of one week's demand around the forecast. */
  sdPerWeek: number;
  method: SafetyStockMethod;
  /** Forecast model, e.g. "SBA" or the combination label. */
  model: string;
  demandClass: string;
  adi: number | null;
  cv2: number;
  historyWeeks: number;
}

/**
 * Demand statistics of one weekly series from the forecasting engine ("auto": ETS/Theta combination for
 * regular demand; Croston, SBA or TSB chosen by ADI/CV² for intermittent demand).
 * - Regular demand: σ per week from the model's 80% interval one week ahead, (upper − mean)/z₀.₉
 *   (the upper side, which the zero floor never clips); safety stock by the normal method.
 * - Intermittent demand (ADI ≥ 1.32, the class the engine forecasts with Croston-type methods): σ² is the
 *   in-sample one-step mean squared error of that estimator (Syntetos & Boylan 2006), and safety stock
 *   comes from the Poisson/negative-binomial quantile of lead-time demand.
 * The history is trimmed to start at its first sale, so a new SKU is not mistaken for an intermittent one.
 *
 * This is the seam for stored forecast runs: when they exist, read the run's weekly values and interval
 * here instead of forecasting again.
 */
export function demandStatistics(history: readonly number[]): DemandStatistics {
  const first = history.findIndex((v) => v > 0);
  if (first < 0) {
    return {
      weeklyForecast: new Array(FORECAST_WEEKS).fill(0),
      sdPerWeek: 0,
      method: 'count',
      model: 'Zero (no demand)',
      demandClass: 'zero',
      adi: null,
      cv2: 0,
      historyWeeks: history.length,
    };
  }
  const y = Float64Array.from(history.slice(first));
  const result = forecast({ y, period: y.length >= SEASONAL_MIN_WEEKS ? 52 : 1, horizon: FORECAST_WEEKS });
  const intermittent = result.demand.demandClass === 'zero' || result.demand.adi >= 1.32;
  return {
    weeklyForecast: Array.from(result.mean, (v) => Math.max(0, v)),
    sdPerWeek: intermittent
      ? intermittentSd(y, result)
      : Math.max(0, (result.upper80[0]! - result.mean[0]!) / Z80),
    method: intermittent ? 'count' : 'normal',
    model: result.model,
    demandClass: result.demand.demandClass,
    adi: Number.isFinite(result.demand.adi) ? result.demand.adi : null,
    cv2: result.demand.cv2,
    historyWeeks: y.length,
  };
}

/** √ of the one-step in-sample MSE of the Croston-type estimator the engine chose. */
function intermittentSd(y: Float64Array, result: ForecastResult): number {
  const origin = new Float64Array(y.length);
  const alpha = result.params.alpha ?? 0.1;
  if (result.model === 'TSB') tsbRun(y, alpha, result.params.beta ?? 0.1, origin);
  else if (result.model === 'Croston' || result.model === 'SBA') {
    crostonRun(y, alpha, result.model === 'SBA' ? 'sba' : 'croston', origin);
  } else return 0;
  let sse = 0;
  let count = 0;
  for (let t = 0; t + 1 < y.length; t++) {
    const f = origin[t]!;
    if (!Number.isFinite(f)) continue;
    sse += (y[t + 1]! - f) ** 2;
    count++;
  }
  return count > 0 ? Math.sqrt(sse / count) : 0;
}
