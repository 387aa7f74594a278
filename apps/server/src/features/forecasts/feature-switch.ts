import type { AppContext } from '../../context';
import { FeatureDisabledError } from '../../platform/errors';

/**
 * Whether demand forecasting is switched on (FEATURE_FORECASTING). The one place the feature reads
 * its switch: routes answer 404 problem+json and jobs enqueue nothing while it is off.
 */
export async function forecastingEnabled(ctx: Pick<AppContext, 'config'>): Promise<boolean> {
  return ctx.config.FEATURE_FORECASTING;
}

export async function assertForecastingEnabled(ctx: Pick<AppContext, 'config'>): Promise<void> {
  if (!(await forecastingEnabled(ctx))) throw new FeatureDisabledError('Demand forecasting');
}
