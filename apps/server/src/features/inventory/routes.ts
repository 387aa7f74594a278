import {
  inventorySettingsResponse,
  levelsQuery,
  levelsResponse,
  policiesQuery,
  policiesResponse,
  recommendationsQuery,
  recommendationsResponse,
  recomputeResponse,
  updateInventorySettingsBody,
} from '@sentia/contracts';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { getPolicies } from './get-policies';
import { getRecommendations } from './get-recommendations';
import { getStockLevels } from './get-stock-levels';
import { DEFAULT_SETTINGS, readInventorySettings } from './inventory-settings';
import { changeInventorySettings, refreshPlan } from './refresh-plan';

const today = () => new Date().toISOString().slice(0, 10);

export function registerInventoryRoutes(app: ApiServer, ctx: AppContext): void {
  const tags = ['inventory'];

  app.get(
    '/api/inventory/levels',
    {
      config: { access: 'read:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Stock, days of cover and projected stock-out per SKU × location, at-risk first (paginated)',
        querystring: levelsQuery,
        response: { 200: levelsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getStockLevels(ctx.db, request.query, today());
    },
  );

  app.get(
    '/api/inventory/policies',
    {
      config: { access: 'read:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary:
          'Inventory policies (safety stock, reorder point, EOQ, (s,Q), (R,S), fill rate) with the ABC×XYZ matrix; serviceA/B/C preview other service levels (paginated)',
        querystring: policiesQuery,
        response: { 200: policiesResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getPolicies(ctx.db, request.query, today());
    },
  );

  app.get(
    '/api/inventory/recommendations',
    {
      config: { access: 'read:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary:
          'What to buy or make now per SKU, netted against stock, inbound and approved orders (paginated)',
        querystring: recommendationsQuery,
        response: { 200: recommendationsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getRecommendations(ctx.db, request.query, today());
    },
  );

  app.get(
    '/api/inventory/settings',
    {
      config: { access: 'read:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Service levels per ABC class, class thresholds, ordering cost, holding rate, review period',
        response: { 200: inventorySettingsResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const { settings, updatedAt } = await readInventorySettings(ctx.db);
      return { settings, defaults: DEFAULT_SETTINGS, updatedAt };
    },
  );

  app.put(
    '/api/inventory/settings',
    {
      config: { access: 'write:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Change inventory settings; policies and open proposals follow at once; audited',
        body: updateInventorySettingsBody,
        response: { 200: inventorySettingsResponse },
      },
    },
    async (request) => {
      const caller = callerOf<Principal>(request);
      await changeInventorySettings(ctx.db, actorOf(request, caller), request.body, today());
      await bumpDataVersion(ctx, 'inventory.settings');
      const { settings, updatedAt } = await readInventorySettings(ctx.db);
      return { settings, defaults: DEFAULT_SETTINGS, updatedAt };
    },
  );

  app.post(
    '/api/inventory/recompute',
    {
      config: { access: 'write:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Recompute forecasts, policies and proposals from the current data now',
        response: { 200: recomputeResponse },
      },
    },
    async () => {
      const started = performance.now();
      const result = await refreshPlan(ctx.db, { today: today(), force: true });
      await bumpDataVersion(ctx, 'inventory.recomputed');
      return {
        computedAt: result.state?.computedAt ?? new Date().toISOString(),
        asOf: result.state?.asOf ?? null,
        policies: result.policies,
        proposals: result.proposals,
        durationMs: Math.round(performance.now() - started),
      };
    },
  );
}
