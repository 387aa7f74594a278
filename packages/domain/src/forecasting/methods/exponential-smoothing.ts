import { type EtsFit, fitEts } from '../ets/ets-fit';
import type { EtsSpec } from '../ets/ets-spec';
import type { MethodForecast } from '../types';
import type { MethodContext } from './context';
import { forecastOfFit } from './ets-forecast-of-fit';
import { laggedWalk } from './naive';
import { reseasonalizeForecast } from './reseasonalize-forecast';

const SES: EtsSpec = { error: 'A', trend: 'N', season: 'N' };
const HOLT: EtsSpec = { error: 'A', trend: 'A', season: 'N' };
const DAMPED: EtsSpec = { error: 'A', trend: 'Ad', season: 'N' };

/**
 * Fits the first of `specs` that the (seasonally adjusted) series supports, non-seasonally. Cached per
 * context, so a combination that reuses damped trend fits it once.
 */
export function fitAdjusted(ctx: MethodContext, specs: readonly EtsSpec[]): EtsFit | null {
  const adj = ctx.seasonalAdjustment();
  for (const spec of specs) {
    const key = `adjusted:${spec.error}${spec.trend}${spec.season}`;
    const fit = ctx.cached(key, () => fitEts(adj.adjusted, 1, spec));
    if (fit !== null) return fit;
  }
  return null;
}

/**
 * Exponential smoothing of the M3 kind: when the 90% seasonality test finds seasonality the series is
 * adjusted by classical decomposition, smoothed, and the forecasts (and interval bounds) are reseasonalised.
 * Parameters and initial states are maximum-likelihood estimates (equivalently least squares, the errors
 * being additive). A series too short for the model falls back to the next simpler one, then to naive.
 */
function adjustedSmoothing(ctx: MethodContext, specs: readonly EtsSpec[]): MethodForecast {
  const adj = ctx.seasonalAdjustment();
  const fit = fitAdjusted(ctx, specs);
  const suffix = adj.seasonal ? ' (seasonally adjusted)' : '';
  const fallback = fit?.spec === specs[0] ? '' : ' (fallback: series too short)';
  const fc =
    fit === null
      ? { ...laggedWalk(adj.adjusted, 1, ctx.horizon), model: `Naive${suffix}${fallback}` }
      : forecastOfFit(fit, ctx.horizon, ctx.options, `${labelOf(fit.spec)}${suffix}${fallback}`);
  return reseasonalizeForecast(fc, adj, ctx.n);
}

function labelOf(spec: EtsSpec): string {
  return spec.trend === 'N' ? 'SES' : spec.trend === 'A' ? 'Holt' : 'Damped';
}

export function sesMethod(ctx: MethodContext): MethodForecast {
  return adjustedSmoothing(ctx, [SES]);
}

export function holtMethod(ctx: MethodContext): MethodForecast {
  return adjustedSmoothing(ctx, [HOLT, SES]);
}

export function dampedMethod(ctx: MethodContext): MethodForecast {
  return adjustedSmoothing(ctx, [DAMPED, HOLT, SES]);
}
