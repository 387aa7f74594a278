import type { CombinationMember, CombinationOperator, MethodForecast } from '../types';
import { median3 } from '../util/stats';
import type { MethodContext } from './context';
import { etsMethod, etsWeightedMethod, holtWintersMethod } from './ets-method';
import { dampedMethod, holtMethod, sesMethod } from './exponential-smoothing';
import { naive2Method } from './naive';
import { thetaMethod } from './theta';

export const DEFAULT_MEMBERS: readonly CombinationMember[] = ['ets-weighted', 'theta'];
export const DEFAULT_OPERATOR: CombinationOperator = 'mean';

const MEMBER_METHODS: Record<CombinationMember, (ctx: MethodContext) => MethodForecast> = {
  ets: etsMethod,
  'ets-weighted': etsWeightedMethod,
  theta: thetaMethod,
  damped: dampedMethod,
  holt: holtMethod,
  ses: sesMethod,
  naive2: naive2Method,
  'holt-winters': holtWintersMethod,
};

/** Element-wise median or mean of the same field of several forecasts. */
function combineField(
  members: readonly MethodForecast[],
  field: 'mean' | 'lower80' | 'upper80' | 'lower95' | 'upper95',
  operator: CombinationOperator,
  horizon: number,
  scratch: Float64Array,
): Float64Array {
  const out = new Float64Array(horizon);
  const k = members.length;
  for (let h = 0; h < horizon; h++) {
    if (operator === 'mean') {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += members[i]![field][h]!;
      out[h] = sum / k;
    } else if (k === 3) {
      out[h] = median3(members[0]![field][h]!, members[1]![field][h]!, members[2]![field][h]!);
    } else {
      for (let i = 0; i < k; i++) scratch[i] = members[i]![field][h]!;
      const sorted = scratch.subarray(0, k).sort();
      out[h] = k % 2 === 1 ? sorted[(k - 1) / 2]! : 0.5 * (sorted[k / 2 - 1]! + sorted[k / 2]!);
    }
  }
  return out;
}

/**
 * Combines the forecasts of several methods period by period: the median (default) or the mean of the point
 * forecasts, and the same of each interval bound (a simple, well-calibrated way to combine quantiles).
 */
export function combineForecasts(
  members: readonly MethodForecast[],
  operator: CombinationOperator,
): MethodForecast {
  if (members.length === 0) throw new RangeError('combineForecasts needs at least one member');
  const horizon = members[0]!.mean.length;
  const scratch = new Float64Array(members.length);
  return {
    model: `${operator}(${members.map((m) => m.model).join(', ')})`,
    mean: combineField(members, 'mean', operator, horizon, scratch),
    lower80: combineField(members, 'lower80', operator, horizon, scratch),
    upper80: combineField(members, 'upper80', operator, horizon, scratch),
    lower95: combineField(members, 'lower95', operator, horizon, scratch),
    upper95: combineField(members, 'upper95', operator, horizon, scratch),
    params: { members: members.length },
    seasonal: members.some((m) => m.seasonal === true),
    members,
  };
}

/** The combination behind "auto" for regular (non-intermittent) demand. */
export function combinationMethod(ctx: MethodContext): MethodForecast {
  const names = ctx.options.combinationMembers ?? DEFAULT_MEMBERS;
  const members = names.map((name) => MEMBER_METHODS[name](ctx));
  return combineForecasts(members, ctx.options.combination ?? DEFAULT_OPERATOR);
}
