import type { AppContext } from '../../context';
import { isFeatureEnabled } from '../feature-flags/feature-flags';

/**
 * Whether demand forecasting is switched on: FEATURE_FORECASTING, or an administrator's run-time
 * override. The one place the feature's jobs read the switch (they enqueue nothing while it is off);
 * its routes declare `feature: 'forecasting'` and answer 404 problem+json through the feature gate.
 */
export function forecastingEnabled(ctx: Pick<AppContext, 'flags'>): Promise<boolean> {
  return isFeatureEnabled(ctx, 'forecasting');
}
