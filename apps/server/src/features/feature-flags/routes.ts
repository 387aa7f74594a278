import {
  featureFlagsResponse,
  featureFlagView,
  featureKey,
  featuresResponse,
  setFeatureFlagBody,
} from '@sentia/contracts';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';

export function registerFeatureFlagRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/features',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['features'],
        summary: 'Which product features are switched on (the navigation hides the others)',
        response: { 200: featuresResponse },
      },
    },
    async () => ({ features: await ctx.flags.enabledMap() }),
  );

  app.get(
    '/api/admin/feature-flags',
    {
      config: { access: 'admin:settings' },
      schema: {
        tags: ['admin'],
        summary: 'Feature flags: default from the environment, run-time override, effective state',
        response: { 200: featureFlagsResponse },
      },
    },
    async () => ({ flags: await ctx.flags.list() }),
  );

  app.put(
    '/api/admin/feature-flags/:key',
    {
      config: { access: 'admin:settings' },
      schema: {
        tags: ['admin'],
        summary: 'Override a feature flag for every replica (null restores the default); audited',
        params: z.object({ key: featureKey }),
        body: setFeatureFlagBody,
        response: { 200: featureFlagView },
      },
    },
    async (request) =>
      ctx.flags.set(actorOf(request, callerOf<Principal>(request)), request.params.key, request.body.enabled),
  );
}
