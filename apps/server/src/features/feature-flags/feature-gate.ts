import type { FeatureKey } from '@sentia/contracts';
import { FeatureDisabledError } from '../../platform/errors';
import type { ApiServer } from '../../platform/http/create-server';
import { FEATURE_LABELS, type FeatureFlags } from './feature-flags';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route belongs to this feature: while it is switched off the route answers 404 problem+json. */
    feature?: FeatureKey;
  }
}

/**
 * Before authentication: a switched-off feature's endpoints answer 404
 * (`/problems/feature-disabled`) to everyone, as if they did not exist.
 */
export function registerFeatureGate(app: ApiServer, flags: FeatureFlags): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const feature = request.routeOptions.config?.feature;
    if (!feature) return done();
    flags
      .isEnabled(feature)
      .then((enabled) => done(enabled ? undefined : new FeatureDisabledError(FEATURE_LABELS[feature])), done);
  });
}
