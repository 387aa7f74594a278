import type { DemandClassification, MethodForecast, MethodName } from '../types';
import { combinationMethod } from './combination';
import type { MethodContext } from './context';
import { crostonMethod } from './croston';
import { ADI_CUTOFF } from './demand-class';
import { etsMethod, holtWintersMethod } from './ets-method';
import { dampedMethod, holtMethod, sesMethod } from './exponential-smoothing';
import { intermittentMethod } from './intermittent';
import { laggedWalk, naive2Method, naiveMethod, seasonalNaiveMethod } from './naive';
import { thetaMethod } from './theta';
import { tsbMethod } from './tsb';

/** Fewest observations "auto" fits models to; shorter histories get the naive forecast. */
export const AUTO_MIN_OBSERVATIONS = 4;

/**
 * "auto": intermittent demand (ADI ≥ 1.32, or no demand at all) goes to the Croston family chosen by the
 * ADI/CV² class; very short histories get naive; everything else the combination (by default the median
 * of ETS, Theta and damped trend).
 */
export function autoMethod(ctx: MethodContext, demand: DemandClassification): MethodForecast {
  if (demand.demandClass === 'zero' || demand.adi >= ADI_CUTOFF) return intermittentMethod(ctx, demand);
  if (ctx.n < AUTO_MIN_OBSERVATIONS)
    return { ...laggedWalk(ctx.y, 1, ctx.horizon), model: 'Naive (short history)' };
  return combinationMethod(ctx);
}

export function runMethod(
  method: MethodName,
  ctx: MethodContext,
  demand: DemandClassification,
): MethodForecast {
  switch (method) {
    case 'auto':
      return autoMethod(ctx, demand);
    case 'naive':
      return naiveMethod(ctx);
    case 'snaive':
      return seasonalNaiveMethod(ctx);
    case 'naive2':
      return naive2Method(ctx);
    case 'ses':
      return sesMethod(ctx);
    case 'holt':
      return holtMethod(ctx);
    case 'damped':
      return dampedMethod(ctx);
    case 'holt-winters':
      return holtWintersMethod(ctx);
    case 'ets':
      return etsMethod(ctx);
    case 'theta':
      return thetaMethod(ctx);
    case 'croston':
      return crostonMethod(ctx, 'croston');
    case 'sba':
      return crostonMethod(ctx, 'sba');
    case 'tsb':
      return tsbMethod(ctx);
    case 'intermittent':
      return intermittentMethod(ctx, demand);
  }
}
