import { randomUUID } from 'node:crypto';
import { migratePostgres } from '@sentia/db';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../apps/server/src/context';
import { refreshSalesDailyJob } from '../apps/server/src/features/analytics/jobs';
import { compareEventIds as compareIds } from '../apps/server/src/platform/events/event-bus';
import { BullmqJobQueue } from '../apps/server/src/platform/jobs/bullmq-queue';
import { connectRedis } from '../apps/server/src/platform/redis';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../apps/server/src/test-support/services';
import { openSse, type SseConnection } from '../apps/server/src/test-support/sse-client';
import { freePort, type RunningApp, startProcess, waitFor } from './support/app-process';

/**
 * Server mode as deployed: two web replicas and a worker as separate processes over real PostgreSQL
 * and Redis. Live updates produced on the worker reach browsers on either replica; a feature flag
 * switched through one replica applies on the other; the worker serves its own metrics.
 */
describeWithServices({ postgres: true, redis: true }, 'live updates and flags across processes', () => {
  const database = `sentia_events_${Date.now()}`;
  const prefix = `e2e-${randomUUID().slice(0, 8)}`;
  const admin = { email: 'ops-admin@sentia.test', password: `ops-${randomUUID()}` };
  let webA: RunningApp | undefined;
  let webB: RunningApp | undefined;
  let worker: RunningApp | undefined;
  let workerMetricsPort: number;
  let token: string;
  const streams: SseConnection[] = [];

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`create database ${database}`);
    await client.end();
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${database}`;
    await migratePostgres(url.toString());
    workerMetricsPort = await freePort();
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: testRedisUrl!,
      QUEUE_PREFIX: prefix,
      JWT_ACCESS_SECRET: `e2e-access-${randomUUID()}`,
      JWT_REFRESH_SECRET: `e2e-refresh-${randomUUID()}`,
      SESSION_SECRET: `e2e-session-${randomUUID()}`,
      CREDENTIALS_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      WORKER_METRICS_PORT: String(workerMetricsPort),
      LOG_LEVEL: 'warn',
    };
    worker = await startProcess('services/workers/index.js', env, { waitForHealth: false });
    webA = await startProcess('server.js', env);
    webB = await startProcess('server.js', env);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${workerMetricsPort}/health`)).ok, {
      what: 'the worker metrics endpoint',
      timeoutMs: 30_000,
    });
    const login = await fetch(`${webA.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...admin, mode: 'token' }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all([webA?.stop(), webB?.stop(), worker?.stop()]);
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`drop database if exists ${database} with (force)`);
    await client.end();
  });

  const auth = () => ({ authorization: `Bearer ${token}` });
  async function stream(app: RunningApp, headers: Record<string, string> = {}) {
    const connection = await openSse(`${app.url}/api/events`, { ...auth(), ...headers });
    expect(connection.status).toBe(200);
    streams.push(connection);
    return connection;
  }

  it('an event produced by a job on the worker reaches browsers on both web replicas through Redis', async () => {
    const onA = await stream(webA!);
    const onB = await stream(webB!);
    await new Promise((r) => setTimeout(r, 300));
    // A producer elsewhere (as a web replica or the scheduler would) enqueues; only the worker runs jobs.
    const redis = connectRedis(testRedisUrl!, 'worker', 'sentia-e2e-producer');
    const queue = new BullmqJobQueue<AppContext>(redis, { prefix });
    try {
      await queue.enqueue(refreshSalesDailyJob, { dataVersion: `e2e-${randomUUID()}` });
    } finally {
      await queue.close();
      await redis.quit();
    }
    const completed = await onB.waitFor(
      (e) => e.event === 'job.completed' && e.data.job === 'analytics.refresh-sales-daily',
      30_000,
    );
    const changed = await onB.waitFor((e) => e.event === 'data.changed', 10_000);
    expect(changed.data.reason).toBe('analytics.refresh');
    await onA.waitFor((e) => e.id === completed.id, 10_000);
    expect(worker!.output()).not.toContain('"level":50');

    // The data version moves before the job reports completion.
    expect(compareIds(changed.id!, completed.id!)).toBeLessThan(0);

    // A browser that reconnects to the other replica with Last-Event-ID gets what came after it.
    const resumed = await stream(webA!, { 'last-event-id': changed.id! });
    await resumed.waitFor((e) => e.id === completed.id, 10_000);
    expect(resumed.events.some((e) => e.id === changed.id)).toBe(false);

    const workerMetrics = await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).text();
    expect(workerMetrics).toMatch(
      /job_duration_seconds_count\{queue="analytics",name="analytics\.refresh-sales-daily",outcome="succeeded"\} [1-9]/,
    );
    expect(workerMetrics).toMatch(/app_info\{role="worker"/);
  });

  it('a feature flag switched through one replica applies on the other, and browsers hear of it', async () => {
    const onB = await stream(webB!);
    await new Promise((r) => setTimeout(r, 300));
    const forecastingOnB = async () =>
      (
        (await (await fetch(`${webB!.url}/api/features`, { headers: auth() })).json()) as {
          features: { forecasting: boolean };
        }
      ).features.forecasting;
    expect(await forecastingOnB()).toBe(true);
    const off = await fetch(`${webA!.url}/api/admin/feature-flags/forecasting`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    await onB.waitFor((e) => e.event === 'flags.changed' && e.data.key === 'forecasting', 10_000);
    await waitFor(async () => (await forecastingOnB()) === false, {
      what: 'replica B to see the flag',
      timeoutMs: 3_000,
    });
    const reset = await fetch(`${webA!.url}/api/admin/feature-flags/forecasting`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: null }),
    });
    expect(reset.status).toBe(200);
    await waitFor(async () => (await forecastingOnB()) === true, {
      what: 'the default again',
      timeoutMs: 3_000,
    });

    const metrics = await (await fetch(`${webB!.url}/api/metrics`)).text();
    expect(metrics).toMatch(
      /http_requests_total\{method="GET",route="\/api\/features",status_code="200"\} [1-9]/,
    );
  });
});
