import type { EtsFit } from '../ets/ets-fit';
import { etsIntervals, etsPointForecast } from '../ets/ets-forecast';
import { etsName } from '../ets/ets-spec';
import type { ForecastOptions, MethodForecast } from '../types';

/** The parameters of a fitted ETS model as a flat record. */
export function etsParams(fit: EtsFit): Record<string, number> {
  const params: Record<string, number> = { alpha: fit.alpha };
  if (fit.spec.trend !== 'N') params.beta = fit.beta;
  if (fit.spec.trend === 'Ad') params.phi = fit.phi;
  if (fit.spec.season !== 'N') params.gamma = fit.gamma;
  params.initialLevel = fit.initialLevel;
  if (fit.spec.trend !== 'N') params.initialSlope = fit.initialSlope;
  params.sigma = Math.sqrt(fit.sigma2);
  params.aicc = fit.aicc;
  return params;
}

/** Point forecasts and intervals of a fitted ETS model. */
export function forecastOfFit(
  fit: EtsFit,
  horizon: number,
  options: ForecastOptions,
  model: string = etsName(fit.spec),
): MethodForecast {
  const mean = etsPointForecast(fit, horizon);
  const bounds = etsIntervals(fit, mean, {
    ...(options.simulations === undefined ? {} : { simulations: options.simulations }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  return { model, mean, ...bounds, params: etsParams(fit), seasonal: fit.spec.season !== 'N' };
}
