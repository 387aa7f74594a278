import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, schema } from '@sentia/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../../../../../e2e/support/app-process';
import { startPrivateRedis } from '../../../../../test/reliability/support/private-services';
import type { AppContext } from '../../context';
import { createTestContext } from '../../test-support/app-context';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';
import { connectRedis, withTimeout } from '../redis';
import { BullmqJobQueue, BullmqJobWorker } from './bullmq-queue';
import { defineJob, type JobDefinition, PermanentJobError } from './job-definition';

describeWithServices({ postgres: true, redis: true }, 'BullMQ job queue on real Redis and PostgreSQL', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  const prefix = `test-${randomUUID()}`;
  const seen: { name: string; payload: unknown; attempt: number }[] = [];

  const record = defineJob({
    name: 'test.record',
    version: 1,
    queue: 'maintenance',
    payload: z.object({ value: z.string() }),
    attempts: 3,
    backoffMs: 50,
    idempotencyKey: (p) => `test.record:${p.value}`,
    handler: async (payload, run: { attempt: number; ctx: AppContext }) => {
      seen.push({ name: 'test.record', payload, attempt: run.attempt });
      if (payload.value === 'flaky' && run.attempt < 2) throw new Error('temporary');
      return { stored: payload.value };
    },
  });
  const doomed = defineJob({
    name: 'test.doomed',
    version: 1,
    queue: 'maintenance',
    payload: z.object({}),
    attempts: 4,
    backoffMs: 10,
    handler: async (_p, run: { attempt: number; ctx: AppContext }) => {
      seen.push({ name: 'test.doomed', payload: {}, attempt: run.attempt });
      throw new PermanentJobError('cannot ever work');
    },
  });

  let producer: ReturnType<typeof createTestContext>;
  let consumer: ReturnType<typeof createTestContext>;
  let worker: BullmqJobWorker<AppContext>;
  let workerConnection: ReturnType<typeof connectRedis>;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    // Two contexts as two processes would have: the producer only enqueues, the consumer runs jobs.
    producer = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
    consumer = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
    workerConnection = connectRedis(testRedisUrl!, 'worker', 'sentia-test-worker');
    worker = new BullmqJobWorker<AppContext>({
      connection: workerConnection,
      prefix,
      concurrency: 2,
      definitions: [record, doomed] as JobDefinition<AppContext>[],
      ctx: consumer.ctx,
      logger: consumer.ctx.logger,
    });
    await worker.start();
  });

  afterAll(async () => {
    await worker?.close();
    await workerConnection?.quit();
    await producer?.close();
    await consumer?.close();
    await database?.drop();
  });

  async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('runs a job enqueued by one process on the worker of another, and records it', async () => {
    const result = await producer.ctx.jobs.enqueue(record, { value: 'hello' });
    expect(result).toEqual({ id: 'test.record%3Ahello', enqueued: true });
    await until(async () => {
      const [row] = await database.handle.db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.idempotencyKey, 'test.record:hello'));
      return row?.status === 'succeeded';
    });
    expect(
      seen.filter((s) => s.name === 'test.record' && (s.payload as { value: string }).value === 'hello'),
    ).toHaveLength(1);
  });

  it('ignores a second enqueue of the same idempotency key', async () => {
    const again = await producer.ctx.jobs.enqueue(record, { value: 'hello' });
    expect(again.enqueued).toBe(false);
  });

  it('retries with backoff after a temporary failure', async () => {
    await producer.ctx.jobs.enqueue(record, { value: 'flaky' });
    await until(() => seen.filter((s) => (s.payload as { value?: string }).value === 'flaky').length >= 2);
    expect(
      seen.filter((s) => (s.payload as { value?: string }).value === 'flaky').map((s) => s.attempt),
    ).toEqual([1, 2]);
  });

  it('stops at once on a permanent error and reports the failure in the queue counts', async () => {
    await producer.ctx.jobs.enqueue(doomed, {});
    await until(async () => {
      const counts = await producer.ctx.jobs.counts();
      return (counts.find((c) => c.queue === 'maintenance')?.failed ?? 0) >= 1;
    });
    expect(seen.filter((s) => s.name === 'test.doomed')).toHaveLength(1);
  });
});

describeWithServices({ redis: true }, 'BullMQ producer across a Redis outage', () => {
  it('reports the queues again once Redis is back, when it was first asked while Redis was away', async () => {
    const redis = await startPrivateRedis();
    const connection = connectRedis(redis.url, 'requests', 'bullmq-outage-test');
    connection.on('error', () => {});
    const producer = new BullmqJobQueue(connection, { prefix: `outage-${randomUUID()}` });
    try {
      await waitFor(async () => connection.status === 'ready', { what: 'the first connection' });
      await redis.stop();
      await expect(withTimeout(producer.counts(), 3_000, 'no answer')).rejects.toThrow();
      await redis.start();
      const counts = await waitFor(() => withTimeout(producer.counts(), 2_000, 'no answer'), {
        what: 'queue counts after the restart',
        timeoutMs: 20_000,
        intervalMs: 200,
      });
      expect(counts.map((c) => c.waiting)).toEqual(counts.map(() => 0));
    } finally {
      await producer.close().catch(() => {});
      connection.disconnect();
      await redis.stop();
    }
  });
});
