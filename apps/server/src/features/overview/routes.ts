import { filterOptionsResponse, globalFilters, overviewResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { replyFromCache } from '../../platform/cache/cached-reply';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { getOverview } from './get-overview';
import { queryFilterOptions } from './queries/query-filter-options';

/**
 * Both reads are cached twice: the response per user (REDIS_CACHE_TTL, never served to anyone else)
 * over the computed figures shared by every reader of the same filters (CACHE_COMPUTED_TTL, computed
 * once at a time). A data change (bumpDataVersion) makes both stale at once.
 */
export function registerOverviewRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/overview',
    {
      config: { access: 'read:overview' },
      schema: {
        tags: ['overview'],
        summary: 'Executive overview: KPIs for the period vs the previous one, and the daily trend (GBP)',
        querystring: globalFilters,
        response: { 200: overviewResponse },
      },
    },
    async (request, reply) => {
      const today = new Date().toISOString().slice(0, 10);
      const key = { filters: request.query, today };
      const { userId } = callerOf<Principal>(request);
      return replyFromCache(
        reply,
        ctx.cache,
        { namespace: 'overview', key, scope: { userId } },
        overviewResponse,
        () =>
          ctx.cache.getOrCompute(
            {
              namespace: 'overview.computed',
              key,
              scope: 'shared',
              ttlSeconds: ctx.cache.computedTtlSeconds,
            },
            () => getOverview(ctx, request.query, today),
          ),
      );
    },
  );

  app.get(
    '/api/overview/filters',
    {
      config: { access: 'read:overview' },
      schema: {
        tags: ['overview'],
        summary: 'Regions, channels and SKUs for the global filter bar, and the date range with sales',
        response: { 200: filterOptionsResponse },
      },
    },
    async (request, reply) => {
      const { userId } = callerOf<Principal>(request);
      return replyFromCache(
        reply,
        ctx.cache,
        { namespace: 'overview.filters', key: {}, scope: { userId } },
        filterOptionsResponse,
        () =>
          ctx.cache.getOrCompute(
            {
              namespace: 'overview.filters.computed',
              key: {},
              scope: 'shared',
              ttlSeconds: ctx.cache.computedTtlSeconds,
            },
            () => queryFilterOptions(ctx.db),
          ),
      );
    },
  );
}
