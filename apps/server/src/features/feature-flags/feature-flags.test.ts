import type { DatabaseHandle } from '@sentia/db';
import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { FLAGS_REFRESH_MS, isFeatureEnabled } from './feature-flags';

let database: DatabaseHandle;
let first: ReturnType<typeof createTestContext>;
let second: ReturnType<typeof createTestContext>;
let appA: Awaited<ReturnType<typeof buildHttpApp>>;
let appB: Awaited<ReturnType<typeof buildHttpApp>>;

/** A feature's endpoint, declared the way feature routes declare theirs. */
function addForecastRoute(app: typeof appA) {
  app.get(
    '/api/test/forecasts',
    { config: { access: 'read:overview', feature: 'forecasting' } },
    async () => ({
      forecasts: [],
    }),
  );
}

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  // Two replicas of one deployment: the same database, their own memory.
  first = createTestContext(database, { env: { FEATURE_OPTIMIZATION: 'false' } });
  second = createTestContext(database, { env: { FEATURE_OPTIMIZATION: 'false' } });
  appA = await buildHttpApp(first.ctx, { serveWeb: false });
  appB = await buildHttpApp(second.ctx, { serveWeb: false });
  addForecastRoute(appA);
  addForecastRoute(appB);
});

afterAll(async () => {
  await appA?.close();
  await appB?.close();
  await first?.close();
  await second?.close();
  await database?.close();
});

describe('feature flags', () => {
  it('start from the FEATURE_* settings', async () => {
    const viewer = await signInAs(appA, first.ctx, 'viewer');
    const response = await appA.inject({ method: 'GET', url: '/api/features', headers: viewer.headers });
    expect(response.json()).toEqual({
      features: { forecasting: true, optimization: false, workingCapital: true },
    });
    expect(await isFeatureEnabled(first.ctx, 'optimization')).toBe(false);
    expect(await isFeatureEnabled(first.ctx, 'forecasting')).toBe(true);
  });

  it('an admin override is audited, applies at once on its replica and within seconds on another', async () => {
    const admin = await signInAs(appA, first.ctx, 'admin');
    const viewer = await signInAs(appB, second.ctx, 'viewer');
    const before = await appB.inject({ method: 'GET', url: '/api/test/forecasts', headers: viewer.headers });
    expect(before.statusCode).toBe(200);

    const off = await appA.inject({
      method: 'PUT',
      url: '/api/admin/feature-flags/forecasting',
      headers: admin.headers,
      payload: { enabled: false },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ key: 'forecasting', default: true, override: false, enabled: false });
    const [audit] = await queryRows<{
      action: string;
      target_id: string;
      after: unknown;
      actor_user_id: string;
    }>(
      database.db,
      sql`select action, target_id, after, actor_user_id from audit_log
          where action = 'feature-flags.changed' order by id desc limit 1`,
    );
    expect(audit).toMatchObject({
      action: 'feature-flags.changed',
      target_id: 'forecasting',
      after: { override: false, default: true },
      actor_user_id: admin.userId,
    });

    const onA = await appA.inject({ method: 'GET', url: '/api/test/forecasts' });
    expect(onA.statusCode).toBe(404);
    expect(onA.headers['content-type']).toContain('application/problem+json');
    expect(onA.json()).toMatchObject({ type: '/problems/feature-disabled', status: 404 });

    // The other replica re-reads the flags within FLAGS_REFRESH_MS (at once when it hears flags.changed).
    await new Promise((r) => setTimeout(r, FLAGS_REFRESH_MS + 100));
    const onB = await appB.inject({ method: 'GET', url: '/api/test/forecasts', headers: viewer.headers });
    expect(onB.statusCode).toBe(404);
    const features = await appB.inject({ method: 'GET', url: '/api/features', headers: viewer.headers });
    expect(features.json().features.forecasting).toBe(false);

    const reset = await appA.inject({
      method: 'PUT',
      url: '/api/admin/feature-flags/forecasting',
      headers: admin.headers,
      payload: { enabled: null },
    });
    expect(reset.json()).toMatchObject({ override: null, enabled: true });
    const list = await appA.inject({
      method: 'GET',
      url: '/api/admin/feature-flags',
      headers: admin.headers,
    });
    expect(list.json().flags.map((f: { key: string }) => f.key)).toEqual([
      'forecasting',
      'optimization',
      'workingCapital',
    ]);
  });

  it('only administrators change flags; unknown flags are refused', async () => {
    const manager = await signInAs(appA, first.ctx, 'manager');
    const refused = await appA.inject({
      method: 'PUT',
      url: '/api/admin/feature-flags/optimization',
      headers: manager.headers,
      payload: { enabled: true },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await signInAs(appA, first.ctx, 'admin');
    const unknown = await appA.inject({
      method: 'PUT',
      url: '/api/admin/feature-flags/teleportation',
      headers: admin.headers,
      payload: { enabled: true },
    });
    expect(unknown.statusCode).toBe(400);
  });
});
