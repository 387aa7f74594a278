import { connectPostgres } from '@sentia/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import {
  type PrivatePostgres,
  type PrivateRedis,
  privatePostgresAvailable,
  startPrivatePostgres,
  startPrivateRedis,
} from './support/private-services';

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

describeWithServices({ postgres: true, redis: true }, 'faults: injected, observed, recovered', () => {
  describe('Redis restarted under web and worker', () => {
    let redis: PrivateRedis;
    let database: Awaited<ReturnType<typeof createDatabase>>;
    let cluster: Cluster;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      database = await createDatabase(testDatabaseUrl!);
      await seedDemo(database.url, 60, { refresh: true });
      cluster = await startCluster({ databaseUrl: database.url, redisUrl: redis.url, webs: 1, workers: 1 });
    }, 180_000);
    afterAll(async () => {
      await cluster?.stop();
      await redis?.stop();
      await database?.drop();
    });

    it('reports Redis down while it is, keeps answering reads, and works the queue again after', async () => {
      const web = cluster.webs[0]!.url;
      const admin = { authorization: `Bearer ${(await signIn(web)).accessToken}` };
      await redis.stop();
      const down = await fetch(`${web}/api/status`);
      expect(down.status).toBe(503);
      const redisState = ((await json(down)).dependencies as { name: string; state: string }[]).find(
        (d) => d.name === 'redis',
      );
      expect(redisState?.state).toBe('down');
      expect((await fetch(`${web}/api/overview`, { headers: admin })).status).toBe(200);
      expect((await fetch(`${web}/api/health`)).status).toBe(200);

      await redis.start();
      let lastStatus = '';
      await waitFor(
        async () => {
          const response = await fetch(`${web}/api/status`);
          lastStatus = JSON.stringify((await json(response)).dependencies);
          return response.status === 200;
        },
        { what: 'status to report ok after Redis is back', timeoutMs: 30_000 },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last status: ${lastStatus}`);
      });
      // A job enqueued now is worked by the worker, whose connection came back by itself.
      const producer = connectRedis(redis.url, 'requests', 'reliability-test');
      const queue = new BullmqJobQueue(producer, { prefix: cluster.env.QUEUE_PREFIX! });
      await queue.enqueue(refreshSalesDailyJob as never, {
        dataVersion: `after-redis-restart-${Date.now()}`,
      });
      await queue.close();
      await producer.quit();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await waitFor(
          async () =>
            (
              await client.query(
                "select 1 from job_runs where idempotency_key like '%after-redis-restart%' and status = 'succeeded'",
              )
            ).rowCount === 1,
          { what: 'the worker to run a job after the restart', timeoutMs: 30_000 },
        );
      } finally {
        await client.end();
      }
    });
  });

  describe.skipIf(!privatePostgresAvailable())('PostgreSQL restarted and connections dropped', () => {
    let postgres: PrivatePostgres;
    let database: Awaited<ReturnType<typeof createDatabase>>;
    let cluster: Cluster;

    beforeAll(async () => {
      postgres = await startPrivatePostgres();
      database = await createDatabase(postgres.url);
      await seedDemo(database.url, 30, { refresh: true });
      cluster = await startCluster({
        databaseUrl: database.url,
        redisUrl: testRedisUrl!,
        webs: 1,
        workers: 0,
      });
    }, 180_000);
    afterAll(async () => {
      await cluster?.stop();
      await postgres?.start().catch(() => undefined);
      await database?.drop().catch(() => undefined);
      await postgres?.stop();
    });

    it('fails fast with 503 while the database is down, and recovers when it is back', async () => {
      const web = cluster.webs[0]!.url;
      const admin = { authorization: `Bearer ${(await signIn(web)).accessToken}` };
      // Never cached: every request reads the database.
      const needsDatabase = `${web}/api/system/syncs`;
      expect((await fetch(needsDatabase, { headers: admin })).status).toBe(200);
      expect((await fetch(`${web}/api/overview`, { headers: admin })).status).toBe(200);
      await postgres.stop();
      try {
        const started = Date.now();
        const during = await fetch(needsDatabase, { headers: admin, signal: AbortSignal.timeout(15_000) });
        const waited = Date.now() - started;
        expect(during.status).toBe(503);
        expect(during.headers.get('content-type')).toMatch(/problem\+json/);
        expect(during.headers.get('retry-after')).toBeTruthy();
        // A cached read (the signed-in principal and the summary both in the caches) keeps answering.
        const cached = await fetch(`${web}/api/overview`, {
          headers: admin,
          signal: AbortSignal.timeout(15_000),
        });
        console.log(
          `[reliability] while PostgreSQL was down: a read needing it answered ${during.status} in ${waited} ms; the cached overview ${cached.status}`,
        );
        expect([200, 503]).toContain(cached.status);
        expect((await fetch(`${web}/api/health`)).status).toBe(200);
        expect((await fetch(`${web}/api/status`)).status).toBe(503);
      } finally {
        await postgres.start();
      }
      await waitFor(async () => (await fetch(needsDatabase, { headers: admin })).status === 200, {
        what: 'the pool to recover',
        timeoutMs: 30_000,
      });
    });

    it('replaces connections the server dropped, with at most one failed request', async () => {
      const web = cluster.webs[0]!.url;
      const admin = { authorization: `Bearer ${(await signIn(web)).accessToken}` };
      const killer = connectPostgres({ url: postgres.url, poolMax: 1 });
      const name = new URL(database.url).pathname.slice(1);
      await killer.db.execute(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()` as never,
      );
      await killer.close();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await fetch(`${web}/api/system/syncs`, { headers: admin })).status);
      expect(statuses.filter((s) => s !== 200).length).toBeLessThanOrEqual(1);
      expect(statuses.at(-1)).toBe(200);
    });
  });

  describe('SIGTERM under load', () => {
    let database: Awaited<ReturnType<typeof createDatabase>>;
    let cluster: Cluster;

    beforeAll(async () => {
      database = await createDatabase(testDatabaseUrl!);
      await seedDemo(database.url, 60);
      cluster = await startCluster({
        databaseUrl: database.url,
        redisUrl: testRedisUrl!,
        webs: 2,
        workers: 2,
      });
    }, 180_000);
    afterAll(async () => {
      await cluster?.stop();
      await database?.drop();
    });

    it('drains a web replica: in-flight requests complete, the process exits 0, retrying clients see no failure', async () => {
      const [a, b] = cluster.webs.map((w) => w.url) as [string, string];
      const admin = { authorization: `Bearer ${(await signIn(a)).accessToken}` };
      const victim = cluster.webs[0]!;
      let stopped: Promise<{ code: number | null; ms: number }> | undefined;
      const result = await runLoad({
        baseUrls: [a, b],
        ratePerSecond: 40,
        seconds: 5,
        retryOnOtherReplica: true,
        mix: [
          { method: 'GET', path: '/api/overview', headers: admin, weight: 1 },
          { method: 'GET', path: '/api/status', weight: 1 },
        ],
        onTick: (second) => {
          if (second === 2) stopped = victim.stop('SIGTERM');
        },
      });
      console.log(`[reliability] web SIGTERM under load: ${JSON.stringify(result)}`);
      expect(result.errors + result.failed).toBe(0);
      const { code, ms } = await stopped!;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    });

    it('lets a worker finish its active job before it exits on SIGTERM', async () => {
      const key = `sigterm-drill-${Date.now()}`;
      const producer = connectRedis(testRedisUrl!, 'requests', 'reliability-test');
      const queue = new BullmqJobQueue(producer, { prefix: cluster.env.QUEUE_PREFIX! });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await queue.enqueue(refreshSalesDailyJob as never, { dataVersion: key });
        await waitFor(
          async () =>
            (
              await client.query(
                `select 1 from job_runs where idempotency_key like '%${key}' and status = 'running'`,
              )
            ).rowCount === 1,
          { what: 'the refresh to be running', timeoutMs: 30_000, intervalMs: 10 },
        );
        const exits = await Promise.all(cluster.workers.map((w) => w.stop('SIGTERM')));
        for (const exit of exits) expect(exit.code).toBe(0);
        const { rows } = await client.query(
          `select status, attempts from job_runs where idempotency_key like '%${key}'`,
        );
        expect(rows[0]).toEqual({ status: 'succeeded', attempts: 1 });
      } finally {
        await client.end();
        await queue.close();
        await producer.quit();
      }
    });
  });
});
