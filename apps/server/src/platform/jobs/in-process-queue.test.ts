import { type DatabaseHandle, schema } from '@sentia/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { createTestContext } from '../../test-support/app-context';
import { createPgliteTestDatabase } from '../../test-support/database';
import { defineJob, PermanentJobError } from './job-definition';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(async () => database?.close());

function setup() {
  const test = createTestContext(database);
  return { ...test, queue: test.inProcessJobs! };
}

describe('in-process job runner', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const { ctx, queue, close } = setup();
    const attempts: number[] = [];
    const flaky = defineJob({
      name: 'test.flaky',
      version: 1,
      queue: 'maintenance',
      payload: z.object({ n: z.number() }),
      attempts: 3,
      backoffMs: 5,
      handler: async (_p, run: { attempt: number; ctx: AppContext }) => {
        attempts.push(run.attempt);
        if (run.attempt < 3) throw new Error('temporary');
        return 'ok';
      },
    });
    await ctx.jobs.enqueue(flaky, { n: 1 });
    await queue.whenIdle();
    expect(attempts).toEqual([1, 2, 3]);
    const counts = await ctx.jobs.counts();
    expect(counts.find((c) => c.queue === 'maintenance')).toMatchObject({ completed: 1, failed: 0 });
    await close();
  });

  it('does not retry a permanent error and counts it as failed', async () => {
    const { ctx, queue, close } = setup();
    let calls = 0;
    const broken = defineJob({
      name: 'test.permanent',
      version: 1,
      queue: 'maintenance',
      payload: z.object({}),
      attempts: 5,
      backoffMs: 1,
      handler: async () => {
        calls += 1;
        throw new PermanentJobError('record does not exist');
      },
    });
    await ctx.jobs.enqueue(broken, {});
    await queue.whenIdle();
    expect(calls).toBe(1);
    expect((await ctx.jobs.counts()).find((c) => c.queue === 'maintenance')?.failed).toBe(1);
    await close();
  });

  it('runs a job with an idempotency key once, even when enqueued again later', async () => {
    const { ctx, queue, close } = setup();
    let runs = 0;
    const once = defineJob({
      name: 'test.once',
      version: 1,
      queue: 'analytics',
      payload: z.object({ version: z.string() }),
      attempts: 1,
      backoffMs: 1,
      idempotencyKey: (p) => `test.once:${p.version}`,
      handler: async () => {
        runs += 1;
        return { runs };
      },
    });
    const first = await ctx.jobs.enqueue(once, { version: 'v1' });
    const duplicate = await ctx.jobs.enqueue(once, { version: 'v1' });
    expect(first.enqueued).toBe(true);
    expect(duplicate).toEqual({ id: first.id, enqueued: false });
    await queue.whenIdle();
    await ctx.jobs.enqueue(once, { version: 'v1' });
    await queue.whenIdle();
    expect(runs).toBe(1);
    const [row] = await database.db
      .select()
      .from(schema.jobRuns)
      .where(eq(schema.jobRuns.idempotencyKey, 'test.once:v1'));
    expect(row).toMatchObject({ status: 'succeeded', result: { runs: 1 } });
    await ctx.jobs.enqueue(once, { version: 'v2' });
    await queue.whenIdle();
    expect(runs).toBe(2);
    await close();
  });

  it('refuses a payload that does not match the schema at enqueue time', async () => {
    const { ctx, close } = setup();
    const typed = defineJob({
      name: 'test.typed',
      version: 1,
      queue: 'maintenance',
      payload: z.object({ id: z.number().int() }),
      attempts: 1,
      backoffMs: 1,
      handler: async () => null,
    });
    await expect(ctx.jobs.enqueue(typed, { id: 'seven' as unknown as number })).rejects.toThrow();
    await close();
  });

  it('never runs more jobs at once than its concurrency', async () => {
    const { ctx, queue, close } = setup();
    let running = 0;
    let peak = 0;
    const slow = defineJob({
      name: 'test.slow',
      version: 1,
      queue: 'sync',
      payload: z.object({ i: z.number() }),
      attempts: 1,
      backoffMs: 1,
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running -= 1;
      },
    });
    await Promise.all(Array.from({ length: 8 }, (_, i) => ctx.jobs.enqueue(slow, { i })));
    await queue.whenIdle();
    expect(peak).toBe(2);
    await close();
  });

  it('closes as soon as the running job finishes', async () => {
    const { ctx, queue } = setup();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const blocking = defineJob({
      name: 'test.blocking',
      version: 1,
      queue: 'maintenance',
      payload: z.object({}),
      attempts: 1,
      backoffMs: 1,
      handler: async () => gate,
    });
    await ctx.jobs.enqueue(blocking, {});
    await new Promise((r) => setTimeout(r, 20));
    const closed = queue.close().then(() => 'closed');
    setTimeout(release, 50);
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('hung'), 2_000))])).toBe(
      'closed',
    );
  });
});
