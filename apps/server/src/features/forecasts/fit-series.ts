import { type ForecastResult, forecast, seasonalIndexForHorizon } from '@sentia/domain';
import type { FitResult, FitTask } from './fit-protocol';

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Fits one series with the engine's "auto" method and a rolling-origin backtest; runs inside a worker
 * thread. Should "auto" fail on an odd series, the naive forecast stands in and says so, rather than
 * failing the whole run.
 */
export function fitSeries(task: FitTask): FitResult {
  const { y, period, horizon } = task;
  const backtest = { ...task.backtest, horizon: Math.min(task.backtest.horizon, horizon) };
  let result: ForecastResult;
  let fallback: string | undefined;
  try {
    result = forecast({ y, period, horizon, method: 'auto', options: { backtest } });
  } catch (error) {
    fallback = error instanceof Error ? error.message : String(error);
    result = forecast({ y, period, horizon, method: 'naive', options: { backtest } });
  }
  const bt = result.backtest;
  const params: Record<string, number> = {};
  for (const [name, value] of Object.entries(result.params)) if (Number.isFinite(value)) params[name] = value;
  return {
    id: task.id,
    model: fallback ? `${result.model} (auto failed)` : result.model,
    method: result.method,
    params,
    seasonal: result.seasonal,
    demandClass: result.demand.demandClass,
    mean: result.mean,
    lower80: result.lower80,
    upper80: result.upper80,
    lower95: result.lower95,
    upper95: result.upper95,
    seasonalIndex: seasonalIndexForHorizon(y, period, result.mean),
    backtest:
      bt && bt.points > 0
        ? {
            origins: bt.origins,
            points: bt.points,
            horizon: bt.horizon,
            smape: finite(bt.smape),
            mase: finite(bt.mase),
            bias: finite(bt.bias),
            coverage80: finite(bt.coverage80),
            coverage95: finite(bt.coverage95),
          }
        : null,
    ...(fallback ? { fallback } : {}),
  };
}
