import type { DemandClassification, MethodForecast } from '../types';
import type { MethodContext } from './context';
import { crostonMethod } from './croston';
import { classifyDemand } from './demand-class';
import { tsbMethod } from './tsb';

/** All-zero forecast for a series without demand. */
export function zeroForecast(horizon: number): MethodForecast {
  const zeros = () => new Float64Array(horizon);
  return {
    model: 'Zero (no demand)',
    mean: zeros(),
    lower80: zeros(),
    upper80: zeros(),
    lower95: zeros(),
    upper95: zeros(),
    params: {},
  };
}

/**
 * Chooses among the intermittent-demand methods by the ADI/CV² class: Croston where it is known to beat
 * SBA (smooth), SBA where Croston's bias matters (erratic, intermittent), TSB for lumpy demand, whose long
 * gaps and variable sizes are where obsolescence has to be caught, and zeros without demand.
 */
export function intermittentMethod(
  ctx: MethodContext,
  demand: DemandClassification = classifyDemand(ctx.y),
): MethodForecast {
  switch (demand.demandClass) {
    case 'zero':
      return zeroForecast(ctx.horizon);
    case 'smooth':
      return crostonMethod(ctx, 'croston');
    case 'erratic':
    case 'intermittent':
      return crostonMethod(ctx, 'sba');
    case 'lumpy':
      return tsbMethod(ctx);
  }
}
