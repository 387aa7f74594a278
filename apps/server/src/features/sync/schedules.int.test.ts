import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../context';
import { allJobs } from '../../jobs';
import { BullmqJobWorker } from '../../platform/jobs/bullmq-queue';
import { connectRedis } from '../../platform/redis';
import { createTestContext } from '../../test-support/app-context';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';
import { shopifyConnector } from '../connectors/shopify/shopify-connector';
import { stopShopifySandboxes } from '../connectors/shopify/shopify-sandbox';
import { markDemoLoaded } from '../demo/demo-settings';
import { setSandbox } from './connector-state';
import { runSync } from './run-sync';
import { BullmqSyncScheduler } from './schedules';

/**
 * "A scheduled sync runs once per schedule however many workers run": two BullMQ workers (two
 * connections, as two worker processes would have) on one Redis, a job scheduler every 2 s for the
 * (sandbox) Shopify connector, and every scheduled job taken by exactly one of them.
 */
describeWithServices({ postgres: true, redis: true }, 'scheduled syncs with two workers', () => {
  const prefix = `ts-${randomUUID().slice(0, 8)}`;
  const PERIOD_MS = 2_000;
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  let testContext: ReturnType<typeof createTestContext>;
  let ctx: AppContext;
  const workers: { worker: BullmqJobWorker<AppContext>; connection: ReturnType<typeof connectRedis> }[] = [];
  let scheduler: BullmqSyncScheduler;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    testContext = createTestContext(database.handle, {
      redisUrl: testRedisUrl!,
      bullmqPrefix: prefix,
      env: { QUEUE_PREFIX: prefix },
    });
    ctx = testContext.ctx;
    await new Promise((resolve) => ctx.redis!.once('ready', resolve));
    await markDemoLoaded(ctx.db, {
      loadedAt: new Date().toISOString(),
      seed: 20_240_917,
      startDate: '2025-06-24',
      endDate: '2025-06-30',
      days: 7,
      syncRunId: randomUUID(),
      recordsWritten: 0,
    });
    await setSandbox(ctx.db, 'shopify', {
      enabled: true,
      dataset: { seed: 20_240_917, endDate: '2025-06-30', days: 7 },
    });
    // The first (full) read happens before the schedule starts, so each scheduled run is a quick
    // incremental one that fits in its period.
    await runSync(ctx, { connector: shopifyConnector, runId: randomUUID(), mode: 'full', trigger: 'manual' });
  });

  afterAll(async () => {
    await scheduler?.close();
    for (const { worker, connection } of workers) {
      await worker.close();
      await connection.quit();
    }
    await testContext?.close();
    await stopShopifySandboxes();
    await database?.drop();
  });

  it('runs each scheduled sync exactly once, on one of the two workers', async () => {
    const ranOn = new Map<string, string[]>();
    for (const name of ['worker-a', 'worker-b']) {
      const connection = connectRedis(testRedisUrl!, 'worker', name);
      const worker = new BullmqJobWorker<AppContext>({
        connection,
        prefix,
        concurrency: 2,
        definitions: allJobs,
        ctx,
        logger: ctx.logger,
      });
      await worker.start();
      workers.push({ worker, connection });
      // BullMQ's Worker emits 'completed' per job it finished: note which worker ran which job.
      for (const w of (worker as unknown as { workers: import('bullmq').Worker[] }).workers) {
        w.on('completed', (job) => {
          if (job.name === 'sync.scheduled') ranOn.set(job.id!, [...(ranOn.get(job.id!) ?? []), name]);
        });
      }
    }
    const queue = new Queue('sync', { connection: ctx.redis!, prefix });
    scheduler = new BullmqSyncScheduler(queue, {
      connectors: [shopifyConnector],
      everyMs: () => PERIOD_MS,
    });
    const started = Date.now();
    const schedules = await scheduler.reconcile(ctx);
    expect(schedules[0]).toMatchObject({ connector: 'shopify', everyMs: PERIOD_MS });
    expect(schedules[0]!.nextRunAt).not.toBeNull();

    await new Promise((r) => setTimeout(r, 4 * PERIOD_MS + 1_000));
    // Stop the schedule, then let whatever it already produced finish.
    await queue.removeJobScheduler('sync.scheduled:shopify');
    const elapsed = Date.now() - started;
    for (let i = 0; i < 100; i++) {
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 200));
    await scheduler.close();

    const jobs = [...ranOn.entries()];
    // One job per period (not one per worker per period), each run by a single worker.
    expect(jobs.length).toBeGreaterThanOrEqual(Math.floor(elapsed / PERIOD_MS) - 1);
    expect(jobs.length).toBeLessThanOrEqual(Math.ceil(elapsed / PERIOD_MS) + 1);
    for (const [, ranBy] of jobs) expect(ranBy).toHaveLength(1);
    const runs = await queryRows<{ started_at: string; status: string }>(
      ctx.db,
      sql`select started_at::text, status from sync_runs where trigger = 'schedule' order by started_at`,
    );
    expect(runs).toHaveLength(jobs.length);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    for (let i = 1; i < runs.length; i++) {
      expect(Date.parse(runs[i]!.started_at) - Date.parse(runs[i - 1]!.started_at)).toBeGreaterThan(
        PERIOD_MS * 0.7,
      );
    }
  });

  it('removes the schedule of a connector that is no longer configured', async () => {
    await setSandbox(ctx.db, 'shopify', { enabled: false, dataset: null });
    const again = new BullmqSyncScheduler(new Queue('sync', { connection: ctx.redis!, prefix }), {
      connectors: [shopifyConnector],
      everyMs: () => PERIOD_MS,
    });
    try {
      const [schedule] = await again.reconcile(ctx);
      expect(schedule!.nextRunAt).toBeNull();
    } finally {
      await again.close();
    }
  });
});
