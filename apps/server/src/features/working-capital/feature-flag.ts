import type { AppContext } from '../../context';
import { FeatureDisabledError } from '../../platform/errors';

/**
 * Whether working capital is switched on. Read through this one function so run-time flag
 * overrides (stored, audited, shared by replicas) can replace the source without touching callers;
 * today it is FEATURE_WORKING_CAPITAL from the configuration.
 */
export function isWorkingCapitalEnabled(ctx: Pick<AppContext, 'config'>): boolean {
  return ctx.config.FEATURE_WORKING_CAPITAL;
}

/** Throws FeatureDisabledError (404 problem+json) when the feature is off. */
export function assertWorkingCapitalEnabled(ctx: Pick<AppContext, 'config'>): void {
  if (!isWorkingCapitalEnabled(ctx)) throw new FeatureDisabledError('working capital');
}
