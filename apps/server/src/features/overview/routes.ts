import { filterOptionsResponse, globalFilters, overviewResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { getOverview } from './get-overview';
import { queryFilterOptions } from './queries/query-filter-options';

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
    async (request) => getOverview(ctx, request.query, new Date().toISOString().slice(0, 10)),
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
    async () => queryFilterOptions(ctx.db),
  );
}
