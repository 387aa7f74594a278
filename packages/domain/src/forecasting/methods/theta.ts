import { fitEts } from '../ets/ets-fit';
import { normalIntervals } from '../ets/ets-forecast';
import type { MethodForecast } from '../types';
import { linearFit } from '../util/stats';
import type { MethodContext } from './context';
import { laggedWalk } from './naive';
import { reseasonalizeForecast } from './reseasonalize-forecast';

/**
 * The Theta method of Assimakopoulos & Nikolopoulos (2000), winner of M3, in the equivalent form of
 * Hyndman & Billah (2003) and R's `thetaf()`: simple exponential smoothing of the seasonally adjusted
 * series (classical multiplicative decomposition when the 90% test finds seasonality) plus a drift of half
 * the least-squares slope b of the series on time (the θ = 2 line combined with the θ = 0 line):
 *
 *   ŷ_{n+h} = ℓ_n + (b/2)·((h − 1) + (1 − (1 − α)^n)/α)
 *
 * Intervals are those of SES, σ·sqrt(1 + (h − 1)α²), reseasonalised with the forecasts.
 */
export function thetaMethod(ctx: MethodContext): MethodForecast {
  const adj = ctx.seasonalAdjustment();
  const x = adj.adjusted;
  const n = x.length;
  const ses = ctx.cached('adjusted:ANN', () => fitEts(x, 1, { error: 'A', trend: 'N', season: 'N' }));
  if (ses === null || n < 3) {
    return reseasonalizeForecast(
      { ...laggedWalk(x, 1, ctx.horizon), model: 'Naive (series too short for Theta)' },
      adj,
      n,
    );
  }
  const slope = linearFit(x, 0, n, 0, new Float64Array(2))[1]!;
  const drift = slope / 2;
  const alpha = Math.max(1e-10, ses.alpha);
  const offset = (1 - (1 - alpha) ** n) / alpha;
  const horizon = ctx.horizon;
  const mean = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    mean[h - 1] = ses.level + drift * (h - 1 + offset);
    variance[h - 1] = ses.sigma2 * (1 + (h - 1) * alpha * alpha);
  }
  const fc: MethodForecast = {
    model: adj.seasonal ? 'Theta (seasonally adjusted)' : 'Theta',
    mean,
    ...normalIntervals(mean, variance),
    params: { alpha, drift, level: ses.level, sigma: Math.sqrt(ses.sigma2) },
  };
  return reseasonalizeForecast(fc, adj, n);
}
