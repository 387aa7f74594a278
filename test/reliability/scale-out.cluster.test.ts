import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../../apps/server/src/test-support/services';
import { waitFor } from '../../e2e/support/app-process';
import { seedDemo } from './seed';
import { type Cluster, createDatabase, signIn, startCluster } from './support/cluster';
import { runLoad } from './support/load';

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
