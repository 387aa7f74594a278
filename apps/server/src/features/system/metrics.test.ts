import type { DatabaseHandle } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp } from '../../http-app';
import { defineJob, PermanentJobError } from '../../platform/jobs/job-definition';
import { metricsAccess } from '../../platform/metrics/metrics-access';
import { startMetricsServer } from '../../platform/metrics/metrics-server';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';

/** Samples of one metric from the Prometheus text format: labels → value. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries(
        [...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      return { labels, value: Number(match[2]) };
    });
}

let database: DatabaseHandle;
let test: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  test = createTestContext(database, { env: { PROCESS_MEMORY_LIMIT_BYTES: '2147483648' } });
  app = await buildHttpApp(test.ctx, { serveWeb: false });
});

afterAll(async () => {
  await app?.close();
  await test?.close();
  await database?.close();
});

describe('GET /api/metrics', () => {
  it('exposes the issue’s metric names with their labels after traffic', async () => {
    const viewer = await signInAs(app, test.ctx, 'viewer');
    await app.inject({ method: 'GET', url: '/api/overview', headers: viewer.headers });
    await app.inject({ method: 'PATCH', url: '/api/admin/users/123e4567-e89b-12d3-a456-426614174000' });
    await app.inject({ method: 'GET', url: '/api/no-such-thing/42' });

    const ok = defineJob({
      name: 'test.metrics-ok',
      version: 1,
      queue: 'analytics',
      payload: z.object({}),
      attempts: 1,
      backoffMs: 1,
      handler: async () => 'done',
    });
    const broken = defineJob({
      name: 'test.metrics-broken',
      version: 1,
      queue: 'maintenance',
      payload: z.object({}),
      attempts: 1,
      backoffMs: 1,
      handler: async () => {
        throw new PermanentJobError('no');
      },
    });
    await test.ctx.jobs.enqueue(ok, {});
    await test.ctx.jobs.enqueue(broken, {});
    await test.inProcessJobs!.whenIdle();
    test.ctx.metrics.recordSync('shopify', { written: 12, rejected: 2 });
    await database.db.execute(
      sql`insert into sync_runs (connector, kind, status, finished_at)
          values ('xero', 'full', 'succeeded', '2025-03-01T10:00:00Z')`,
    );

    const response = await app.inject({ method: 'GET', url: '/api/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    const text = response.body;

    const requests = samples(text, 'http_requests_total');
    expect(requests).toContainEqual({
      labels: { method: 'GET', route: '/api/overview', status_code: '200' },
      value: 1,
    });
    expect(requests).toContainEqual({
      labels: { method: 'POST', route: '/api/auth/login', status_code: '200' },
      value: 1,
    });
    // The route label is the pattern, never the raw URL; unknown paths share one series.
    expect(
      requests.some((s) => s.labels.route === '/api/admin/users/:id' && s.labels.method === 'PATCH'),
    ).toBe(true);
    expect(requests.some((s) => s.labels.route === 'unmatched' && s.labels.status_code === '404')).toBe(true);
    expect(text).not.toContain('123e4567');
    expect(text).not.toContain('no-such-thing');
    const buckets = samples(text, 'http_request_duration_seconds_bucket').filter(
      (s) => s.labels.route === '/api/overview',
    );
    expect(buckets.map((b) => b.labels.le)).toContain('2');
    expect(buckets.find((b) => b.labels.le === '+Inf')?.value).toBe(1);

    expect(
      samples(text, 'db_pool_connections')
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['idle', 'in_use', 'waiting']);
    expect(samples(text, 'db_pool_max')).toEqual([{ labels: {}, value: 1 }]);

    const queueJobs = samples(text, 'queue_jobs');
    for (const queue of ['analytics', 'sync', 'imports', 'maintenance']) {
      expect(
        queueJobs
          .filter((s) => s.labels.queue === queue)
          .map((s) => s.labels.state)
          .sort(),
      ).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    }
    expect(queueJobs).toContainEqual({ labels: { queue: 'maintenance', state: 'failed' }, value: 1 });
    expect(samples(text, 'queue_oldest_waiting_seconds')).toContainEqual({
      labels: { queue: 'analytics' },
      value: 0,
    });

    const jobs = samples(text, 'job_duration_seconds_count');
    expect(jobs).toContainEqual({
      labels: { queue: 'analytics', name: 'test.metrics-ok', outcome: 'succeeded' },
      value: 1,
    });
    expect(jobs).toContainEqual({
      labels: { queue: 'maintenance', name: 'test.metrics-broken', outcome: 'failed' },
      value: 1,
    });

    expect(samples(text, 'sync_records_total')).toEqual([
      { labels: { connector: 'shopify', outcome: 'written' }, value: 12 },
      { labels: { connector: 'shopify', outcome: 'rejected' }, value: 2 },
    ]);
    expect(samples(text, 'sync_last_success_timestamp_seconds')).toEqual([
      { labels: { connector: 'xero' }, value: Date.parse('2025-03-01T10:00:00Z') / 1000 },
    ]);
    expect(samples(text, 'process_memory_limit_bytes')).toEqual([{ labels: {}, value: 2147483648 }]);
    // prom-client's default process and Node.js metrics sit beside ours.
    expect(samples(text, 'process_resident_memory_bytes')[0]?.value).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('needs the bearer token or an allowed network once either is configured', async () => {
    const other = createTestContext(database, { env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
    const guarded = await buildHttpApp(other.ctx, { serveWeb: false });
    try {
      const without = await guarded.inject({ method: 'GET', url: '/api/metrics' });
      expect(without.statusCode).toBe(401);
      expect(without.headers['content-type']).toContain('application/problem+json');
      const wrong = await guarded.inject({
        method: 'GET',
        url: '/api/metrics',
        headers: { authorization: 'Bearer scrape-token-wrong' },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await guarded.inject({
        method: 'GET',
        url: '/api/metrics',
        headers: { authorization: 'Bearer scrape-token-0123456789' },
      });
      expect(right.statusCode).toBe(200);
    } finally {
      await guarded.close();
      await other.close();
    }
    const check = metricsAccess({ allowlist: '10.0.0.0/8' });
    expect(check('10.1.2.3', undefined)).toBe(true);
    expect(check('192.168.1.1', undefined)).toBe(false);
    expect(metricsAccess({})('192.168.1.1', undefined)).toBe(true);
  });
});

describe('the worker’s metrics endpoint', () => {
  it('serves the same registry on its own port, with a liveness probe and the token check', async () => {
    const server = await startMetricsServer({
      metrics: test.ctx.metrics,
      port: 0,
      host: '127.0.0.1',
      access: metricsAccess({ token: 'worker-token-0123456789' }),
      logger: test.ctx.logger,
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${base}/metrics`, {
        headers: { authorization: 'Bearer worker-token-0123456789' },
      });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('job_duration_seconds_bucket{');
      expect(text).toContain('queue_jobs{queue="sync",state="waiting"}');
      // A second server on a taken port does not throw: the worker runs on without metrics.
      const clash = await startMetricsServer({
        metrics: test.ctx.metrics,
        port: server.port!,
        host: '127.0.0.1',
        access: () => true,
        logger: test.ctx.logger,
      });
      expect(clash.port).toBeNull();
      await clash.close();
    } finally {
      await server.close();
    }
  });
});
