import type { AppContext } from '../../context';
import { FeatureDisabledError } from '../../platform/errors';

export const OPTIMIZATION_FEATURE_LABEL = 'inventory optimisation';

/**
 * Whether inventory optimisation (inventory, purchasing, production planning) is switched on. The one
 * place the flag is read: today the FEATURE_OPTIMIZATION setting; run-time overrides can replace the source
 * here without touching the routes.
 */
export async function isOptimizationEnabled(ctx: Pick<AppContext, 'config'>): Promise<boolean> {
  return ctx.config.FEATURE_OPTIMIZATION;
}

/** Route hook: a switched-off feature answers 404 problem+json (`/problems/feature-disabled`). */
export function requireOptimization(ctx: Pick<AppContext, 'config'>) {
  return async () => {
    if (!(await isOptimizationEnabled(ctx))) throw new FeatureDisabledError(OPTIMIZATION_FEATURE_LABEL);
  };
}
