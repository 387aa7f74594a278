import { randomUUID } from 'node:crypto';
import type { ForecastResponse } from '@sentia/contracts';
import { type DatabaseHandle, queryRows, schema } from '@sentia/db';
import { Queue } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../context';
import { buildHttpApp } from '../../http-app';
import { allJobs } from '../../jobs';
import { BullmqJobWorker } from '../../platform/jobs/bullmq-queue';
import { connectRedis } from '../../platform/redis';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';
import { fixtureTotal, seedForecastFixture } from './forecast-fixture';
import { enqueueForecastRuns, forecastRunJob } from './jobs';
import { SCHEDULER_ID } from './schedule';

describeWithServices({ postgres: true, redis: true }, 'demand forecasts on PostgreSQL and Redis', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  let opened: ReturnType<typeof createTestContext>;
  let ctx: AppContext;
  let worker: BullmqJobWorker<AppContext>;
  let workerConnection: ReturnType<typeof connectRedis>;
  let app: Awaited<ReturnType<typeof buildHttpApp>>;

  const succeededRuns = async () =>
    database.handle.db.select().from(schema.forecastRuns).where(eq(schema.forecastRuns.status, 'succeeded'));

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    await seedForecastFixture(database.handle.db);
    opened = createTestContext(database.handle, {
      redisUrl: testRedisUrl!,
      bullmqPrefix: prefix,
      // As in production, the schedule lives under the same prefix as the queues.
      env: { QUEUE_PREFIX: prefix },
    });
    ctx = opened.ctx;
    workerConnection = connectRedis(testRedisUrl!, 'worker', 'sentia-test-worker');
    worker = new BullmqJobWorker<AppContext>({
      connection: workerConnection,
      prefix,
      concurrency: 2,
      definitions: allJobs,
      ctx,
      logger: ctx.logger,
    });
    await worker.start();
    app = await buildHttpApp(ctx, { serveWeb: false });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await workerConnection?.quit();
    await opened?.close();
    await database?.drop();
  });

  it('queues a run per granularity on the worker, fitted and stored with method, accuracy and intervals', async () => {
    const requested = await enqueueForecastRuns(ctx, 'data-changed');
    expect(requested.map((r) => [r.granularity, r.enqueued])).toEqual([
      ['week', true],
      ['month', true],
    ]);
    // Done when both runs are stored and both jobs have recorded their outcome.
    const jobsDone = async () =>
      (
        await queryRows<{ n: number }>(
          database.handle.db,
          sql`select count(*)::int as n from job_runs where name = 'forecasts.run' and status = 'succeeded'`,
        )
      )[0]!.n;
    const deadline = Date.now() + 120_000;
    while ((await succeededRuns()).length < 2 || (await jobsDone()) < 2) {
      if (Date.now() > deadline) throw new Error('the forecast runs did not finish');
      await new Promise((r) => setTimeout(r, 250));
    }
    const runs = await succeededRuns();
    expect(runs.map((r) => r.granularity).sort()).toEqual(['month', 'week']);
    const weekly = runs.find((r) => r.granularity === 'week')!;
    expect(weekly).toMatchObject({
      trigger: 'data-changed',
      historyEnd: '2025-06-23',
      seriesCount: 15,
      horizon: 26,
    });
    expect(weekly.durationMs).toBeGreaterThan(0);
    const [job] = await queryRows<{ status: string }>(
      database.handle.db,
      sql`select status from job_runs where idempotency_key = ${`forecasts.run:${weekly.dataVersion}`}`,
    );
    expect(job?.status).toBe('succeeded');
  });

  it('serves history, statistical forecast, intervals, accuracy, method and run time through the API', async () => {
    const viewer = await signInAs(app, ctx, 'viewer');
    const response = await app.inject({
      method: 'GET',
      url: '/api/forecasts?sku=GIN-70&channel=shopify-uk&granularity=week&horizon=13',
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as ForecastResponse;
    expect(body.state).toBe('ready');
    expect(body.series).toMatchObject({
      level: 'sku-channel',
      sku: 'GIN-70',
      channel: 'shopify-uk',
      region: 'UK',
    });
    expect(body.history).toHaveLength(130);
    // The week of Monday 2025-06-23, summed from the fixture's formula.
    expect(body.history.at(-1)).toEqual({
      periodStart: '2025-06-23',
      units: fixtureTotal(0, '2025-06-23', '2025-06-29'),
    });
    expect(body.forecast).toHaveLength(13);
    expect(body.forecast[0]!.periodStart).toBe('2025-06-30');
    for (const p of body.forecast) {
      const s = p.statistical;
      expect(s.lower95).toBeLessThanOrEqual(s.lower80);
      expect(s.lower80).toBeLessThanOrEqual(s.mean);
      expect(s.mean).toBeLessThanOrEqual(s.upper80);
      expect(s.upper80).toBeLessThanOrEqual(s.upper95);
      expect(s.lower95).toBeGreaterThanOrEqual(0);
    }
    expect(body.accuracy).toMatchObject({ origins: 4, horizon: 13 });
    expect(body.accuracy!.smape).toBeGreaterThan(0);
    expect(body.model?.method).toBe('auto');
    expect(body.run).toMatchObject({ granularity: 'week', reconciliation: 'mint-wls', status: 'succeeded' });
    expect(body.run!.durationMs).toBeGreaterThan(0);
    expect(body.trail.map((t) => t.label)).toEqual([
      'All regions and channels',
      'United Kingdom',
      'Shopify UK',
      'GIN-70 in Shopify UK',
    ]);

    const denied = await app.inject({ method: 'GET', url: '/api/forecasts' });
    expect(denied.statusCode).toBe(401);
  });

  it('persists a planner adjustment with its version and author, audited, and rolls it up the hierarchy', async () => {
    const planner = await signInAs(app, ctx, 'planner');
    const before = (
      await app.inject({ method: 'GET', url: '/api/forecasts?granularity=week', headers: planner.headers })
    ).json() as ForecastResponse;
    const promoWeek = before.forecast[2]!.periodStart;
    const body = {
      sku: 'GIN-70',
      channel: 'shopify-uk',
      granularity: 'week',
      baseVersion: 0,
      adjustment: {
        growthPct: 0,
        seasonalityStrength: 1,
        promotions: [{ periodStart: promoWeek, upliftPct: 50 }],
      },
      note: 'Summer promotion',
    };
    const saved = await app.inject({
      method: 'POST',
      url: '/api/forecasts/adjustments',
      headers: planner.headers,
      payload: body,
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({
      seriesKey: 'sku=GIN-70|channel=shopify-uk|region=UK',
      version: 1,
      note: 'Summer promotion',
      createdBy: { id: planner.userId, name: 'planner user' },
    });
    const [audit] = await queryRows<{ action: string; actor_user_id: string }>(
      database.handle.db,
      sql`select action, actor_user_id::text from audit_log where action = 'forecasts.adjusted'`,
    );
    expect(audit).toEqual({ action: 'forecasts.adjusted', actor_user_id: planner.userId });

    // Saving on top of version 0 again is a conflict: someone (we) saved version 1 meanwhile.
    const stale = await app.inject({
      method: 'POST',
      url: '/api/forecasts/adjustments',
      headers: planner.headers,
      payload: body,
    });
    expect(stale.statusCode).toBe(409);
    const viewer = await signInAs(app, ctx, 'viewer');
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/forecasts/adjustments',
      headers: viewer.headers,
      payload: { ...body, baseVersion: 1 },
    });
    expect(forbidden.statusCode).toBe(403);

    const gin = (
      await app.inject({
        method: 'GET',
        url: '/api/forecasts?sku=GIN-70&channel=shopify-uk&granularity=week',
        headers: viewer.headers,
      })
    ).json() as ForecastResponse;
    expect(gin.adjustment?.version).toBe(1);
    const promo = gin.forecast[2]!;
    expect(promo.adjusted.mean).toBeCloseTo(promo.statistical.mean * 1.5, 6);
    expect(gin.forecast[1]!.adjusted.mean).toBe(gin.forecast[1]!.statistical.mean);
    // The statistical forecast is kept as it was.
    const company = (
      await app.inject({ method: 'GET', url: '/api/forecasts?granularity=week', headers: viewer.headers })
    ).json() as ForecastResponse;
    expect(company.forecast[2]!.statistical.mean).toBe(before.forecast[2]!.statistical.mean);
    expect(company.adjustedElsewhere.map((s) => s.key)).toEqual(['sku=GIN-70|channel=shopify-uk|region=UK']);
    const uplift = promo.adjusted.mean - promo.statistical.mean;
    expect(company.forecast[2]!.adjusted.mean - company.forecast[2]!.statistical.mean).toBeCloseTo(uplift, 3);

    const history = await app.inject({
      method: 'GET',
      url: '/api/forecasts/adjustments?sku=GIN-70&channel=shopify-uk&granularity=week',
      headers: viewer.headers,
    });
    expect(history.json().versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('re-running on the same data version is a no-op', async () => {
    const runsBefore = await succeededRuns();
    const again = await enqueueForecastRuns(ctx, 'manual');
    expect(again.every((r) => !r.enqueued)).toBe(true);
    // The job itself, asked again for a version it already ran, does nothing either.
    const week = runsBefore.find((r) => r.granularity === 'week')!;
    const direct = await ctx.jobs.enqueue(forecastRunJob, {
      granularity: 'week',
      dataVersion: week.dataVersion!,
      trigger: 'manual',
    });
    expect(direct.enqueued).toBe(false);
    const planner = await signInAs(app, ctx, 'planner');
    const requested = await app.inject({
      method: 'POST',
      url: '/api/forecasts/runs',
      headers: planner.headers,
    });
    expect(requested.statusCode).toBe(202);
    expect(requested.json().requested.every((r: { enqueued: boolean }) => !r.enqueued)).toBe(true);
    expect((await succeededRuns()).map((r) => r.id).sort()).toEqual(runsBefore.map((r) => r.id).sort());
  });

  it('registers the nightly schedule once in Redis, whatever the number of web processes', async () => {
    const second = await buildHttpApp(ctx, { serveWeb: false });
    await second.ready();
    await second.close();
    const queue = new Queue('analytics', { connection: ctx.redis!, prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([[SCHEDULER_ID, '30 2 * * *', 'UTC']]);
      await queue.removeJobScheduler(SCHEDULER_ID);
    } finally {
      await queue.close();
    }
  });

  it('answers 404 problem+json while FEATURE_FORECASTING is off', async () => {
    const off = createTestContext(database.handle, {
      env: { FEATURE_FORECASTING: 'false', FORECAST_SCHEDULE: 'off' },
    });
    const offApp = await buildHttpApp(off.ctx, { serveWeb: false });
    try {
      const viewer = await signInAs(offApp, off.ctx, 'viewer');
      const response = await offApp.inject({ method: 'GET', url: '/api/forecasts', headers: viewer.headers });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().type).toMatch(/feature-disabled/);
      expect(await enqueueForecastRuns(off.ctx, 'schedule')).toEqual([]);
    } finally {
      await offApp.close();
      await off.close();
    }
  });
});
