import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refreshSalesDailyJob } from '../../apps/server/src/features/analytics/jobs';
import { BullmqJobQueue } from '../../apps/server/src/platform/jobs/bullmq-queue';
import { connectRedis } from '../../apps/server/src/platform/redis';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../../apps/server/src/test-support/services';
import { waitFor } from '../../e2e/support/app-process';
import { seedDemo } from './seed';
import { type Cluster, createDatabase, signIn, startCluster } from './support/cluster';
import { runLoad } from './support/load';
import { openSse, type SseClient } from './support/sse';

/**
 * Production's shape: 2 web and 2 worker processes over one PostgreSQL and one Redis. Whatever
 * replica a request or a job lands on, the outcome is the same and happens once.
 */
describeWithServices({ postgres: true, redis: true }, 'scale-out: two web and two worker processes', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let cluster: Cluster;
  let a: string;
  let b: string;

  beforeAll(async () => {
    database = await createDatabase(testDatabaseUrl!);
    await seedDemo(database.url, 120);
    cluster = await startCluster({ databaseUrl: database.url, redisUrl: testRedisUrl!, webs: 2, workers: 2 });
    [a, b] = cluster.webs.map((w) => w.url) as [string, string];
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await database?.drop();
  });

  it('runs the analytics refresh that both web replicas asked for exactly once, on one worker', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const run = await waitFor(
        async () =>
          (
            await client.query<{ attempts: number; status: string }>(
              "select attempts, status from job_runs where name = 'analytics.refresh-sales-daily' and status = 'succeeded'",
            )
          ).rows[0],
        { what: 'the refresh to succeed', timeoutMs: 60_000 },
      );
      expect(run.attempts).toBe(1);
      const { rows } = await client.query(
        "select count(*)::int as n from job_runs where name = 'analytics.refresh-sales-daily'",
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
    const ran = cluster.workers.map(
      (w) => (w.output().match(/"job":"analytics\.refresh-sales-daily".*"job succeeded"/g) ?? []).length,
    );
    expect(ran.reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('shares sessions: signed in on one replica, refreshed on the other, used on either', async () => {
    const tokens = await signIn(a);
    const me = await fetch(`${b}/api/auth/me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.status).toBe(200);
    const refreshed = await fetch(`${b}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    const next = ((await refreshed.json()) as { tokens: { accessToken: string } }).tokens;
    expect(
      (await fetch(`${a}/api/auth/me`, { headers: { authorization: `Bearer ${next.accessToken}` } })).status,
    ).toBe(200);
    const replay = await fetch(`${a}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    expect(replay.status).toBe(401);
  });

  it('counts sign-in attempts across replicas', async () => {
    const attempt = (base: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody-rate@sentia.test', password: 'wrong-password' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await attempt(i % 2 === 0 ? a : b)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect((await attempt(b)).status).toBe(429);
    expect((await attempt(a)).status).toBe(429);
  });

  it('switches maintenance mode on for every replica within seconds, and off again', async () => {
    const admin = { authorization: `Bearer ${(await signIn(a)).accessToken}` };
    const viewerRead = () => fetch(`${b}/api/overview`, { headers: admin });
    expect((await viewerRead()).status).toBe(200);
    const on = await fetch(`${a}/api/admin/maintenance`, {
      method: 'PUT',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true, message: 'Reliability drill' }),
    });
    expect(on.status).toBe(200);
    const seenAt = Date.now();
    await waitFor(async () => (await viewerRead()).status === 503, {
      what: 'replica B to enter maintenance',
      timeoutMs: 10_000,
    });
    expect(Date.now() - seenAt).toBeLessThan(10_000);
    await fetch(`${b}/api/admin/maintenance`, {
      method: 'PUT',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    await waitFor(async () => (await fetch(`${a}/api/overview`, { headers: admin })).status === 200, {
      what: 'replica A to leave maintenance',
      timeoutMs: 10_000,
    });
  });

  it('fans events out to SSE clients on both replicas, whichever worker or replica produced them', async () => {
    const admin = { authorization: `Bearer ${(await signIn(a)).accessToken}` };
    const streams = [openSse(a, admin), openSse(b, admin)];
    await Promise.all(streams.map((s) => s.opened));
    const completions = (stream: SseClient) =>
      stream.events.filter(
        (e) => e.type === 'job.completed' && e.data.job === 'analytics.refresh-sales-daily',
      ).length;
    const producer = connectRedis(testRedisUrl!, 'requests', 'reliability-test');
    const queue = new BullmqJobQueue(producer, { prefix: cluster.env.QUEUE_PREFIX! });
    const ranOn = new Set<number>();
    try {
      // Jobs one after another until each worker has run one: every completion reaches both streams.
      for (let n = 1; n <= 12 && ranOn.size < 2; n += 1) {
        const key = `sse-fan-out-${Date.now()}-${n}`;
        await queue.enqueue(refreshSalesDailyJob as never, { dataVersion: key });
        const worker = await waitFor(
          async () => {
            const index = cluster.workers.findIndex((w) =>
              new RegExp(`${key}.*"job succeeded"`).test(w.output()),
            );
            return index >= 0 ? index + 1 : undefined;
          },
          { what: `job ${n} to run`, timeoutMs: 30_000, intervalMs: 50 },
        );
        ranOn.add(worker - 1);
        await waitFor(async () => streams.every((s) => completions(s) >= n), {
          what: `both streams to receive completion ${n}`,
          timeoutMs: 10_000,
          intervalMs: 50,
        });
      }
      expect(ranOn.size).toBe(2);
      console.log(
        `[reliability] SSE fan-out: ${completions(streams[0]!)} job completions (both workers) reached the streams on A and B`,
      );
      // The same events, with the same ids, on both replicas.
      const ids = streams.map((s) => s.events.filter((e) => e.type === 'job.completed').map((e) => e.id));
      expect(ids[0]).toEqual(ids[1]);

      // A replica's own event (a feature switch made on A) reaches the browser on B too.
      const switched = await fetch(`${a}/api/admin/feature-flags/forecasting`, {
        method: 'PUT',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled: false }),
      });
      expect(switched.status).toBe(200);
      await waitFor(async () => streams.every((s) => s.events.some((e) => e.type === 'flags.changed')), {
        what: 'flags.changed on both streams',
        timeoutMs: 10_000,
        intervalMs: 50,
      });
    } finally {
      for (const stream of streams) stream.close();
      await queue.close();
      await producer.quit();
      await fetch(`${a}/api/admin/feature-flags/forecasting`, {
        method: 'PUT',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled: null }),
      });
    }
  });

  it('applies a feature switch made on one replica on the other within seconds', async () => {
    const admin = { authorization: `Bearer ${(await signIn(a)).accessToken}` };
    const forecasting = async (base: string) =>
      (
        (await (await fetch(`${base}/api/features`, { headers: admin })).json()) as {
          features: Record<string, boolean>;
        }
      ).features.forecasting;
    const forecastsStatus = async (base: string) =>
      (await fetch(`${base}/api/forecasts`, { headers: admin })).status;
    await waitFor(async () => (await forecasting(a)) && (await forecasting(b)), {
      what: 'forecasting on on both replicas',
      timeoutMs: 10_000,
    });
    expect(await forecastsStatus(b)).not.toBe(404);

    const off = await fetch(`${a}/api/admin/feature-flags/forecasting`, {
      method: 'PUT',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    const switchedAt = Date.now();
    await waitFor(async () => (await forecasting(b)) === false && (await forecastsStatus(b)) === 404, {
      what: 'replica B to switch forecasting off',
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    const tookMs = Date.now() - switchedAt;
    const gone = await fetch(`${b}/api/forecasts`, { headers: admin });
    expect(gone.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await forecasting(a)).toBe(false);

    const back = await fetch(`${b}/api/admin/feature-flags/forecasting`, {
      method: 'PUT',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: null }),
    });
    expect(back.status).toBe(200);
    await waitFor(async () => (await forecasting(a)) === true && (await forecastsStatus(a)) !== 404, {
      what: 'replica A to switch forecasting back on',
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    console.log(`[reliability] feature switch on A seen by B after ${tookMs} ms`);
    expect(tookMs).toBeLessThan(10_000);
  });

  it('keeps serving when one web replica is killed mid-load: a retrying client sees no failure', async () => {
    const admin = { authorization: `Bearer ${(await signIn(a)).accessToken}` };
    const victim = cluster.webs[0]!;
    const result = await runLoad({
      baseUrls: [a, b],
      ratePerSecond: 50,
      seconds: 6,
      retryOnOtherReplica: true,
      mix: [
        { method: 'GET', path: '/api/overview', headers: admin, weight: 2 },
        { method: 'GET', path: '/api/overview/filters', headers: admin, weight: 1 },
        { method: 'GET', path: '/api/health', weight: 1 },
      ],
      onTick: (second) => {
        if (second === 2) victim.process.kill('SIGKILL');
      },
    });
    console.log(`[reliability] replica killed mid-load: ${JSON.stringify(result)}`);
    expect(result.errors + result.failed).toBe(0);
    expect(result.retried).toBeGreaterThan(0);
    expect(await victim.exited).toBeNull();
  });
});
