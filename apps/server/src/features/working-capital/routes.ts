import {
  ageingQuery,
  ageingResponse,
  cashForecastQuery,
  cashForecastResponse,
  cashHorizon,
  saveScenarioBody,
  scenarioListResponse,
  scenarioView,
  workingCapitalSettings,
  workingCapitalSettingsResponse,
  workingCapitalSummaryQuery,
  workingCapitalSummaryResponse,
} from '@sentia/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { replyFromCache } from '../../platform/cache/cached-reply';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { readPlanState } from '../inventory/plan-store';
import { getCashForecast } from './cash-forecast/get-cash-forecast';
import { workingCapitalWorkbook } from './export-workbook';
import { getAgeing } from './get-ageing';
import { getWorkingCapitalSummary } from './get-working-capital-summary';
import { observedOtherFlowsPerWeek } from './observed-other-flows';
import { listScenarios, saveScenario } from './scenarios';
import { getWorkingCapitalSettings, saveWorkingCapitalSettings } from './settings';

/** Today's UTC date; tests replace `clock.today` to pin the day their fixture is built around. */
export const clock = { today: () => new Date().toISOString().slice(0, 10) };
const today = () => clock.today();

/**
 * Working capital, cash forecast and scenarios. Every route belongs to the `workingCapital` feature:
 * while FEATURE_WORKING_CAPITAL (or an admin's run-time override) has it off, the platform's feature
 * gate answers 404 problem+json (FeatureDisabledError) to everyone.
 */
export function registerWorkingCapitalRoutes(app: ApiServer, ctx: AppContext): void {
  const feature = 'workingCapital' as const;
  const read = { access: 'read:working-capital' as const, feature };

  /**
   * Summary, ageing and cash forecast take 50–300 ms to compute: cached like the overview — the
   * response per user over the figures shared by every reader of the same query and day. Settings,
   * scenarios, plans and approvals bump the data version, so a change shows at once.
   */
  const cachedRead = <S extends z.ZodType>(
    request: FastifyRequest,
    reply: FastifyReply,
    namespace: string,
    schema: S,
    compute: (day: string) => Promise<z.input<S>>,
    inputs: Record<string, unknown> = {},
  ) => {
    const key = { query: request.query, today: today(), ...inputs };
    return replyFromCache(
      reply,
      ctx.cache,
      { namespace, key, scope: { userId: callerOf<Principal>(request).userId } },
      schema,
      () =>
        ctx.cache.getOrCompute(
          {
            namespace: `${namespace}.computed`,
            key,
            scope: 'shared',
            ttlSeconds: ctx.cache.computedTtlSeconds,
          },
          () => compute(key.today),
        ),
    );
  };

  app.get(
    '/api/working-capital/summary',
    {
      config: read,
      schema: {
        tags: ['working-capital'],
        summary:
          'DSO, DIO, DPO, CCC and balances per month and over the trailing 3 and 12 months (period-end balances), with breakdowns, CCC status and alerts',
        querystring: workingCapitalSummaryQuery,
        response: { 200: workingCapitalSummaryResponse },
      },
    },
    async (request, reply) => {
      // Depends on settings people change: revalidate (ETag) rather than reuse a browser copy.
      reply.header('cache-control', 'no-cache');
      return cachedRead(request, reply, 'working-capital.summary', workingCapitalSummaryResponse, (day) =>
        getWorkingCapitalSummary(ctx, request.query, day),
      );
    },
  );

  app.get(
    '/api/working-capital/ageing',
    {
      config: read,
      schema: {
        tags: ['working-capital'],
        summary:
          'Receivables or payables ageing from the open invoices (current, 1–30, 31–60, 61–90, 90+ days overdue)',
        querystring: ageingQuery,
        response: { 200: ageingResponse },
      },
    },
    async (request, reply) =>
      cachedRead(request, reply, 'working-capital.ageing', ageingResponse, (day) =>
        getAgeing(ctx, request.query.type, request.query.asOf ?? day),
      ),
  );

  app.get(
    '/api/cash-forecast',
    {
      config: read,
      schema: {
        tags: ['working-capital'],
        summary: 'Cash forecast: 30 days daily, 13 weeks weekly or 24 months monthly, under a scenario',
        querystring: cashForecastQuery,
        response: { 200: cashForecastResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-cache');
      // The planned purchases and production come from the stored inventory plan, which an inventory
      // read may recompute after a data change without a version bump of its own: key by it.
      const plan = (await readPlanState(ctx.db))?.computedAt ?? null;
      return cachedRead(
        request,
        reply,
        'cash-forecast',
        cashForecastResponse,
        (day) => getCashForecast(ctx, request.query, day),
        { plan },
      );
    },
  );

  app.get(
    '/api/scenarios',
    {
      config: read,
      schema: {
        tags: ['working-capital'],
        summary: 'The standard scenarios (base, optimistic, pessimistic, stress) and saved custom ones',
        response: { 200: scenarioListResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return { scenarios: await listScenarios(ctx.db) };
    },
  );

  app.post(
    '/api/scenarios',
    {
      config: { access: 'write:scenarios', feature },
      schema: {
        tags: ['working-capital'],
        summary: 'Save a scenario: a custom one, or new adjustments for an existing name (audited)',
        body: saveScenarioBody,
        response: { 201: scenarioView },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, callerOf<Principal>(request));
      const saved = await saveScenario(ctx.db, actor, request.body);
      await bumpDataVersion(ctx, 'scenarios.saved');
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/working-capital/settings',
    {
      config: read,
      schema: {
        tags: ['working-capital'],
        summary:
          'Channel settlement terms, recurring costs, credit facility, minimum cash and CCC thresholds',
        response: { 200: workingCapitalSettingsResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return getWorkingCapitalSettings(ctx.db, await observedOtherFlowsPerWeek(ctx.db, today()));
    },
  );

  app.put(
    '/api/working-capital/settings',
    {
      config: { access: 'write:working-capital', feature },
      schema: {
        tags: ['working-capital'],
        summary: 'Replace the working-capital settings (audited as settings.changed)',
        body: workingCapitalSettings,
        response: { 200: workingCapitalSettingsResponse },
      },
    },
    async (request) => {
      await saveWorkingCapitalSettings(ctx.db, actorOf(request, callerOf<Principal>(request)), request.body);
      await bumpDataVersion(ctx, 'working-capital.settings');
      return getWorkingCapitalSettings(ctx.db, await observedOtherFlowsPerWeek(ctx.db, today()));
    },
  );

  app.get(
    '/api/working-capital/export.xlsx',
    {
      config: { access: 'export:data', feature },
      schema: {
        tags: ['working-capital'],
        summary:
          'The board pack as an XLSX workbook: summary, monthly measures, ageing and cash forecast (audited)',
        querystring: workingCapitalSummaryQuery.pick({ from: true, to: true }).extend({
          horizon: cashHorizon.default('13w'),
          scenario: z.string().max(60).optional(),
        }),
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        },
      },
    },
    async (request, reply) => {
      const { horizon, scenario, ...period } = request.query;
      const day = today();
      const [summary, receivables, payables, forecast] = await Promise.all([
        getWorkingCapitalSummary(ctx, period, day),
        getAgeing(ctx, 'receivable', day),
        getAgeing(ctx, 'payable', day),
        getCashForecast(ctx, { horizon, scenario }, day),
      ]);
      const body = await workingCapitalWorkbook({ summary, receivables, payables, forecast });
      await recordAudit(ctx.db, actorOf(request, callerOf<Principal>(request)), {
        action: 'data.exported',
        targetType: 'working-capital-board-pack',
        after: { period: summary.period, horizon, scenario: forecast.scenario.name },
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="working-capital-${summary.period.from}-to-${summary.period.to}.xlsx"`,
        )
        .send(body);
    },
  );
}
