import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import type { ApiServer } from '../../platform/http/create-server';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { refreshSalesDaily } from '../analytics/refresh-sales-daily';
import { loadDemoData } from '../demo/index';

type Headers = { authorization: string };
const today = new Date().toISOString().slice(0, 10);

/** The inventory, purchasing and production API over 120 days of the demo business, on PGlite. */
describe('inventory optimisation API on the demo data', () => {
  let database: DatabaseHandle;
  let on: { app: ApiServer; close(): Promise<void> };
  let off: { app: ApiServer; close(): Promise<void> };
  let viewer: Headers;
  let planner: Headers;
  let offViewer: Headers;

  beforeAll(async () => {
    database = await createPgliteTestDatabase();
    await loadDemoData({ db: database.db, logger: { info() {}, warn() {} }, endDate: today, days: 120 });
    await refreshSalesDaily(database.db);
    const open = async (env: Record<string, string>) => {
      const context = createTestContext(database, { env: { FEATURE_FORECASTING: 'false', ...env } });
      const app = await buildHttpApp(context.ctx, { serveWeb: false });
      const close = async () => {
        await app.close();
        await context.close();
      };
      return { app, ctx: context.ctx, close };
    };
    const enabled = await open({});
    const disabled = await open({ FEATURE_OPTIMIZATION: 'false' });
    on = enabled;
    off = disabled;
    viewer = (await signInAs(enabled.app, enabled.ctx, 'viewer')).headers;
    planner = (await signInAs(enabled.app, enabled.ctx, 'planner')).headers;
    offViewer = (await signInAs(disabled.app, disabled.ctx, 'viewer')).headers;
  }, 180_000);

  afterAll(async () => {
    await on?.close();
    await off?.close();
    await database?.close();
  });

  const get = async (url: string, headers: Headers = viewer) => {
    const response = await on.app.inject({ method: 'GET', url, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('answers 404 problem+json on every route, to everyone, while the feature is switched off', async () => {
    for (const [method, url] of [
      ['GET', '/api/inventory/levels'],
      ['GET', '/api/inventory/policies'],
      ['GET', '/api/inventory/recommendations'],
      ['GET', '/api/inventory/settings'],
      ['GET', '/api/purchase-proposals'],
      ['POST', '/api/purchase-proposals/1/approve'],
      ['GET', '/api/production/schedule'],
    ] as const) {
      const response = await off.app.inject({
        method,
        url,
        headers: offViewer,
        payload: method === 'POST' ? {} : undefined,
      });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe('/problems/feature-disabled');
    }
    // Before sign-in too: the feature is simply not there.
    expect((await off.app.inject({ method: 'GET', url: '/api/inventory/levels' })).statusCode).toBe(404);
  });

  it('asks for sign-in and declares a permission on every route', async () => {
    expect((await on.app.inject({ method: 'GET', url: '/api/inventory/levels' })).statusCode).toBe(401);
    const mine = on.app.routeAccess.filter((r) =>
      /^\/api\/(inventory|purchase-proposals|production)/.test(r.url),
    );
    expect(mine.length).toBeGreaterThanOrEqual(12);
    for (const route of mine) expect(route.access).not.toBe('public');
  });

  it('shows stock and cover per SKU × location, with totals, paginated', async () => {
    const all = await get('/api/inventory/levels?limit=500');
    // Nine SKUs at six locations.
    expect(all.page.total).toBe(54);
    expect(all.items).toHaveLength(54);
    expect(all.demoData).toBe(true);
    expect(all.totals.onHand).toBe(all.items.reduce((s: number, r: { onHand: number }) => s + r.onHand, 0));
    const page = await get('/api/inventory/levels?limit=10&offset=10');
    expect(page.items).toEqual(all.items.slice(10, 20));
    const fba = await get('/api/inventory/levels?location=FBA-US&limit=500');
    expect(fba.items.every((r: { locationCode: string }) => r.locationCode === 'FBA-US')).toBe(true);
    for (const row of all.items) {
      expect(row.available).toBe(row.onHand - row.allocated);
      if (row.dailyDemand)
        expect(row.daysOfCover).toBeCloseTo(Math.max(0, row.available) / row.dailyDemand, 6);
    }
  });

  it('classifies every SKU in the ABC × XYZ matrix and previews another service level at once', async () => {
    const saved = await get('/api/inventory/policies');
    const cells = Object.values(saved.matrix).flatMap((row) => Object.values(row as Record<string, number>));
    expect(cells.reduce((s: number, n) => s + (n as number), 0)).toBe(9);
    expect(saved.serviceLevels).toEqual({ A: 0.99, B: 0.98, C: 0.95 });
    expect(saved.preview).toBe(false);
    const preview = await get('/api/inventory/policies?serviceA=0.999');
    expect(preview.preview).toBe(true);
    expect(preview.savedServiceLevels.A).toBe(0.99);
    expect(preview.totals.saved).toEqual(saved.totals.applied);
    expect(preview.totals.applied.safetyStockValueGbpMinor).toBeGreaterThan(
      saved.totals.applied.safetyStockValueGbpMinor,
    );
    for (const row of preview.items) {
      const before = saved.items.find((p: { sku: string }) => p.sku === row.sku);
      if (row.abcClass === 'A') expect(row.safetyStock).toBeGreaterThanOrEqual(before.safetyStock);
      else expect(row.safetyStock).toBe(before.safetyStock);
    }
    const location = await get('/api/inventory/policies?location=DIST-UK');
    expect(location.items.every((p: { locationCode: string }) => p.locationCode === 'DIST-UK')).toBe(true);
  });

  it('lets a planner change service levels (audited) and not a viewer; the policies follow', async () => {
    const put = (headers: Headers, payload: unknown) =>
      on.app.inject({
        method: 'PUT',
        url: '/api/inventory/settings',
        headers,
        payload: payload as Record<string, unknown>,
      });
    expect((await put(viewer, { serviceLevels: { A: 0.995 } })).statusCode).toBe(403);
    expect((await put(planner, { serviceLevels: { A: 1.2 } })).statusCode).toBe(400);
    expect((await put(planner, { unknown: true })).statusCode).toBe(400);
    const unknownLocation = await put(planner, { receivingLocationCode: 'NOWHERE' });
    expect(unknownLocation.statusCode).toBe(400);
    expect(unknownLocation.json().errors).toEqual([
      { field: 'body.receivingLocationCode', message: 'No location has this code' },
    ]);
    const before = await get('/api/inventory/policies');
    const saved = await put(planner, { serviceLevels: { A: 0.995 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().settings.serviceLevels).toEqual({ A: 0.995, B: 0.98, C: 0.95 });
    const after = await get('/api/inventory/policies');
    expect(after.serviceLevels.A).toBe(0.995);
    expect(after.totals.applied.safetyStockUnits).toBeGreaterThan(before.totals.applied.safetyStockUnits);
    const [audit] = await queryRows<{
      before: { serviceLevels: { A: number } };
      after: { serviceLevels: { A: number } };
    }>(
      database.db,
      sql`select before, after from audit_log where action = 'settings.changed' and target_id = 'inventory.settings'`,
    );
    expect([audit?.before.serviceLevels.A, audit?.after.serviceLevels.A]).toEqual([0.99, 0.995]);
  });

  it('plans production within each line’s capacity', async () => {
    const schedule = await get('/api/production/schedule?weeks=8');
    expect(schedule.lines.map((l: { code: string }) => l.code)).toEqual([
      'CM-CANNING',
      'LINE-BOTTLING',
      'LINE-INFUSION',
    ]);
    for (const line of schedule.lines) {
      expect(line.weeks).toHaveLength(8);
      for (const week of line.weeks) {
        // New batches only use what existing ones leave free.
        expect(week.planned).toBeLessThanOrEqual(Math.max(0, week.capacity - week.committed) + 1e-6);
      }
    }
    // Made SKUs only: the two rums are bought.
    expect(schedule.items.map((i: { sku: string }) => i.sku).sort()).toEqual([
      'GIN-LDN-70',
      'GIN-NAVY-50',
      'GIN-PINK-70',
      'LIQ-COFFEE-50',
      'LIQ-ELDER-50',
      'RTD-GNT-4PK',
      'RTD-RUMCOLA-4PK',
    ]);
    const firstPage = await get('/api/production/schedule?weeks=8&limit=2');
    expect(firstPage.batches.items.length).toBeLessThanOrEqual(2);
    expect(firstPage.batches.page.total).toBe(schedule.batches.page.total);
  });

  it('serves recommendations and proposals only for bought SKUs to buy', async () => {
    const recommendations = await get('/api/inventory/recommendations');
    for (const row of recommendations.items) {
      expect(row.quantity).toBeGreaterThanOrEqual(row.orderQuantity > 0 ? 1 : 0);
      if (row.supply === 'purchase') expect(row.proposalId).not.toBeNull();
    }
    const proposals = await get('/api/purchase-proposals');
    for (const proposal of proposals.items) {
      expect(['RUM-SPICED-70', 'RUM-DARK-70']).toContain(proposal.sku);
      expect(proposal.quantity % proposal.packSize).toBe(0);
      expect(proposal.quantity).toBeGreaterThanOrEqual(proposal.moq);
    }
    expect(proposals.approvalTiers.map((t: { role: string }) => t.role)).toEqual([
      'manager',
      'finance',
      'admin',
    ]);
  });
});
