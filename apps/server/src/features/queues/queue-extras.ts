import { Queue } from 'bullmq';
import type { AppContext } from '../../context';
import { QUEUE_NAMES, type QueueName } from '../../platform/jobs/job-definition';
import type { Redis } from '../../platform/redis';

export interface QueueExtras {
  /** Jobs finished successfully in the last hour (not just still kept). */
  completedLastHour: number;
  /** Workers connected to the queue (the in-process runner counts as one). */
  workers: number;
}

const queuesByConnection = new WeakMap<Redis, Map<QueueName, Queue>>();

/** BullMQ queue handles for reading (one per queue and Redis connection, closed with the app). */
export function bullmqQueues(ctx: Pick<AppContext, 'redis' | 'config'>): Map<QueueName, Queue> {
  if (!ctx.redis) return new Map();
  let queues = queuesByConnection.get(ctx.redis);
  if (!queues) {
    queues = new Map(
      QUEUE_NAMES.map((name) => [
        name,
        new Queue(name, { connection: ctx.redis!, prefix: ctx.config.QUEUE_PREFIX }),
      ]),
    );
    queuesByConnection.set(ctx.redis, queues);
  }
  return queues;
}

export async function closeBullmqQueues(ctx: Pick<AppContext, 'redis'>): Promise<void> {
  if (!ctx.redis) return;
  const queues = queuesByConnection.get(ctx.redis);
  queuesByConnection.delete(ctx.redis);
  await Promise.all([...(queues?.values() ?? [])].map((q) => q.close()));
}

/**
 * What the job queue's own counts do not say: jobs completed in the last hour (BullMQ keeps a
 * day of completed jobs in a sorted set scored by finish time, so one ZCOUNT answers it) and the
 * workers connected (CLIENT LIST names them). In-process, the runner's counts are already the last
 * hour's and this process is the one worker.
 */
export async function queueExtras(
  ctx: Pick<AppContext, 'redis' | 'config' | 'jobs'>,
): Promise<Map<string, QueueExtras>> {
  if (ctx.jobs.kind !== 'bullmq' || !ctx.redis) {
    const counts = await ctx.jobs.counts();
    return new Map(counts.map((c) => [c.queue, { completedLastHour: c.completed, workers: 1 }]));
  }
  const redis = ctx.redis;
  const hourAgo = Date.now() - 3_600_000;
  const entries = await Promise.all(
    [...bullmqQueues(ctx)].map(async ([name, queue]) => {
      const [completedLastHour, workers] = await Promise.all([
        redis.zcount(queue.toKey('completed'), hourAgo, '+inf'),
        queue.getWorkersCount(),
      ]);
      return [name, { completedLastHour, workers }] as const;
    }),
  );
  return new Map(entries);
}
