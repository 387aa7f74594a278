import { fitEts } from '../ets/ets-fit';
import { type EtsFamily, fitEtsFamily } from '../ets/ets-select';
import { etsName, parseEtsSpec } from '../ets/ets-spec';
import type { MethodForecast } from '../types';
import type { MethodContext } from './context';
import { forecastOfFit } from './ets-forecast-of-fit';
import { laggedWalk } from './naive';

/** Share of the Akaike weight the weighted forecast keeps (the rest, spread over poor models, is dropped). */
const WEIGHT_COVERAGE = 0.99;

function family(ctx: MethodContext): EtsFamily | null {
  return ctx.cached('ets:family', () =>
    fitEtsFamily(ctx.y, ctx.period, { allowDamped: ctx.options.allowDamped ?? true }),
  );
}

function tooShort(ctx: MethodContext): MethodForecast {
  return { ...laggedWalk(ctx.y, 1, ctx.horizon), model: 'Naive (series too short for ETS)' };
}

/**
 * The ETS family: every admissible model (error A/M, trend N/A/Ad, season N/A/M, no additive error with
 * multiplicative season, multiplicative parts only for positive data) fitted by maximum likelihood, the
 * lowest AICc kept, as R's `ets()`. `options.etsModel` fixes the model instead. Falls back to naive when
 * the series is too short for any model.
 */
export function etsMethod(ctx: MethodContext): MethodForecast {
  const { options } = ctx;
  if (options.etsModel !== undefined) {
    const fit = fitEts(ctx.y, ctx.period, parseEtsSpec(options.etsModel));
    return fit === null ? tooShort(ctx) : forecastOfFit(fit, ctx.horizon, options);
  }
  const fam = family(ctx);
  return fam === null ? tooShort(ctx) : forecastOfFit(fam.fits[0]!, ctx.horizon, options);
}

/**
 * ETS by Akaike weights (Kolassa 2011): instead of keeping the lowest-AICc model, average the forecasts of
 * all fitted models with weights exp(−ΔAICc/2), over the best models holding 99% of the weight. Interval
 * bounds are averaged with the same weights. More accurate than selection on M3 at no extra fitting cost.
 */
export function etsWeightedMethod(ctx: MethodContext): MethodForecast {
  const fam = family(ctx);
  if (fam === null) return tooShort(ctx);
  const horizon = ctx.horizon;
  const out = {
    mean: new Float64Array(horizon),
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
  let kept = 0;
  let total = 0;
  while (kept < fam.fits.length && total < WEIGHT_COVERAGE) total += fam.weights[kept++]!;
  const names: string[] = [];
  let seasonal = false;
  for (let i = 0; i < kept; i++) {
    const fit = fam.fits[i]!;
    const w = fam.weights[i]! / total;
    const fc = forecastOfFit(fit, horizon, ctx.options);
    for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
      const target = out[key];
      const source = fc[key];
      for (let h = 0; h < horizon; h++) target[h] = target[h]! + w * source[h]!;
    }
    names.push(`${etsName(fit.spec)}×${w.toFixed(2)}`);
    seasonal ||= fit.spec.season !== 'N';
  }
  const best = fam.fits[0]!;
  return {
    model: `ETS weighted [${names.join(' + ')}]`,
    ...out,
    params: { models: kept, bestAicc: best.aicc, bestWeight: fam.weights[0]! / total },
    seasonal,
  };
}

/**
 * Holt-Winters as ETS: ETS(A,A,A) (additive), ETS(M,A,M) (multiplicative), or the better of the two by
 * AICc ("auto", the default; multiplicative needs positive data). Without a season (period 1 or fewer
 * than two cycles of history) it is Holt's linear trend.
 */
export function holtWintersMethod(ctx: MethodContext): MethodForecast {
  const choice = ctx.options.holtWintersSeasonal ?? 'auto';
  const fits = [];
  if (choice !== 'multiplicative') fits.push(fitEts(ctx.y, ctx.period, parseEtsSpec('AAA')));
  if (choice !== 'additive') fits.push(fitEts(ctx.y, ctx.period, parseEtsSpec('MAM')));
  let best = null;
  for (const fit of fits) if (fit !== null && (best === null || fit.aicc < best.aicc)) best = fit;
  if (best === null) best = fitEts(ctx.y, 1, parseEtsSpec('AAN')) ?? fitEts(ctx.y, 1, parseEtsSpec('ANN'));
  if (best === null) return { ...laggedWalk(ctx.y, 1, ctx.horizon), model: 'Naive (series too short)' };
  return forecastOfFit(best, ctx.horizon, ctx.options);
}
