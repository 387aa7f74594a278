import type { AppContext, OpenedContext } from './context';
import { allJobs } from './jobs';
import { BullmqJobWorker } from './platform/jobs/bullmq-queue';
import type { JobWorker } from './platform/jobs/job-definition';
import { connectRedis } from './platform/redis';

/**
 * Starts executing jobs in this process: BullMQ workers when Redis is configured, otherwise the
 * in-process runner that the queue already is.
 */
export async function startJobWorker(opened: OpenedContext): Promise<JobWorker> {
  const { ctx } = opened;
  if (opened.inProcessJobs) {
    const queue = opened.inProcessJobs;
    queue.attach(ctx);
    return { start: async () => {}, close: () => queue.close() };
  }
  if (!ctx.config.REDIS_URL) throw new Error('REDIS_URL is required for a BullMQ worker');
  const connection = connectRedis(ctx.config.REDIS_URL, 'worker', `sentia-${ctx.config.role}-worker`);
  connection.on('error', (error) => ctx.logger.warn({ err: error }, 'worker redis connection error'));
  const worker = new BullmqJobWorker<AppContext>({
    connection,
    prefix: ctx.config.QUEUE_PREFIX,
    concurrency: ctx.config.WORKER_CONCURRENCY,
    lockMs: ctx.config.WORKER_LOCK_MS,
    definitions: allJobs,
    ctx,
    logger: ctx.logger,
  });
  await worker.start();
  return {
    start: async () => {},
    async close() {
      await worker.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
