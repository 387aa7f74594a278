import { seasonalAdjustment } from '../forecasting/seasonality/seasonal-adjustment';

/**
 * The multiplicative seasonal index of each forecast step, which the seasonality-strength adjustment
 * scales: from the classical decomposition of the history when the engine's seasonality test finds a
 * season (as Theta does), 1 otherwise. With an additive decomposition (histories with zeros), the
 * step's index is its forecast over the forecast less the seasonal term.
 */
export function seasonalIndexForHorizon(
  y: Float64Array,
  period: number,
  forecast: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(forecast.length).fill(1);
  if (period <= 1 || y.length < 2 * period) return out;
  const adjustment = seasonalAdjustment(y, period);
  if (!adjustment.seasonal) return out;
  for (let h = 0; h < forecast.length; h++) {
    const term = adjustment.indices[(y.length + h) % period]!;
    if (adjustment.type === 'multiplicative') {
      out[h] = term;
    } else {
      const f = forecast[h]!;
      const level = f - term;
      out[h] = f > 0 && level > 0 ? f / level : 1;
    }
  }
  return out;
}
