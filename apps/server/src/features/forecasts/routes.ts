import {
  adjustmentHistoryQuery,
  adjustmentHistoryResponse,
  adjustmentVersion,
  forecastQuery,
  forecastResponse,
  forecastRunsResponse,
  requestForecastRunResponse,
  saveAdjustmentBody,
} from '@sentia/contracts';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { listAdjustmentVersions, saveAdjustment } from './adjustments';
import { getForecast } from './get-forecast';
import { enqueueForecastRuns } from './jobs';
import { queryNames } from './queries/query-names';
import { queryRecentRuns, runSummary } from './queries/query-runs';
import { resolveSeries } from './resolve-series';
import { seriesRefOf } from './series-tree';

export function registerForecastRoutes(app: ApiServer, ctx: AppContext): void {
  const tags = ['forecasts'];

  app.get(
    '/api/forecasts',
    {
      // While forecasting is switched off the feature gate answers 404 problem+json.
      config: { access: 'read:forecasts', feature: 'forecasting' },
      schema: {
        tags,
        summary:
          'One series of the demand forecast (SKU × channel × region or a total above): history, statistical and adjusted forecast with 80/95% intervals, backtest accuracy, model, drill-down',
        querystring: forecastQuery,
        response: { 200: forecastResponse },
      },
    },
    async (request) => getForecast(ctx, request.query),
  );

  app.get(
    '/api/forecasts/adjustments',
    {
      config: { access: 'read:forecasts', feature: 'forecasting' },
      schema: {
        tags,
        summary: 'Every version of a series’ planner adjustment, newest first, with who made it',
        querystring: adjustmentHistoryQuery,
        response: { 200: adjustmentHistoryResponse },
      },
    },
    async (request) => {
      const series = await resolveSeries(ctx.db, request.query);
      const [names, versions] = await Promise.all([
        queryNames(ctx.db),
        listAdjustmentVersions(ctx.db, series, request.query.granularity),
      ]);
      return { series: seriesRefOf(series.level, series.coords, names), versions };
    },
  );

  app.post(
    '/api/forecasts/adjustments',
    {
      config: { access: 'write:forecasts', feature: 'forecasting' },
      schema: {
        tags,
        summary:
          'Save a new version of a series’ adjustment (growth, seasonality strength, promotions); 409 when baseVersion is not the current one',
        body: saveAdjustmentBody,
        response: { 201: adjustmentVersion },
      },
    },
    async (request, reply) => {
      const { granularity, baseVersion, adjustment, note, ...coordinates } = request.body;
      const series = await resolveSeries(ctx.db, coordinates, 'body');
      const saved = await saveAdjustment(ctx.db, actorOf(request, callerOf<Principal>(request)), {
        series,
        granularity,
        baseVersion,
        adjustment,
        note,
      });
      await bumpDataVersion(ctx, 'forecasts.adjusted');
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/forecasts/runs',
    {
      config: { access: 'read:forecasts', feature: 'forecasting' },
      schema: {
        tags,
        summary: 'Recent forecast runs (running, succeeded, failed), newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: forecastRunsResponse },
      },
    },
    async (request) => ({ runs: (await queryRecentRuns(ctx.db, request.query.limit)).map(runSummary) }),
  );

  app.post(
    '/api/forecasts/runs',
    {
      config: { access: 'write:forecasts', feature: 'forecasting' },
      schema: {
        tags,
        summary:
          'Refresh the forecasts now: queues a run per granularity whose sales figures changed since the last',
        response: { 202: requestForecastRunResponse },
      },
    },
    async (request, reply) => {
      const requested = await enqueueForecastRuns(ctx, 'manual');
      await recordAudit(ctx.db, actorOf(request, callerOf<Principal>(request)), {
        action: 'forecasts.run-requested',
        targetType: 'forecast-run',
        after: { requested },
      });
      return reply.code(202).send({ requested });
    },
  );
}
