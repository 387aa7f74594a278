import { reseasonalize } from '../seasonality/decomposition';
import type { SeasonalAdjustment } from '../seasonality/seasonal-adjustment';
import type { MethodForecast } from '../types';

/**
 * Puts the seasonal indices back into a forecast made on the seasonally adjusted series: point forecasts
 * and interval bounds are multiplied by (or shifted by) the index of their period. In place.
 */
export function reseasonalizeForecast<T extends MethodForecast>(
  fc: T,
  adj: SeasonalAdjustment,
  n: number,
): T {
  if (!adj.seasonal) return { ...fc, seasonal: false };
  for (const values of [fc.mean, fc.lower80, fc.upper80, fc.lower95, fc.upper95]) {
    reseasonalize(values, n, adj.indices, adj.type);
  }
  return { ...fc, seasonal: true };
}
