import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { executeJob, type JobExecutionContext } from './execute-job';
import {
  type EnqueueResult,
  type JobDefinition,
  type JobQueue,
  type JobWorker,
  PermanentJobError,
  QUEUE_NAMES,
  type QueueCounts,
  type QueueName,
} from './job-definition';

export interface BullmqOptions {
  /** Key prefix in Redis; tests use a fresh one so queues never mix. */
  prefix: string;
}

const COMPLETED_RETENTION = { age: 24 * 3600, count: 5000 };
const FAILED_RETENTION = { age: 7 * 24 * 3600, count: 10000 };

/**
 * Producer: web processes enqueue here; the job id is the idempotency key when there is one,
 * so BullMQ itself refuses a duplicate while the first is still known.
 */
export class BullmqJobQueue<Ctx> implements JobQueue<Ctx> {
  readonly kind = 'bullmq';
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly options: BullmqOptions,
  ) {}

  /**
   * Runs `work` on the named queue. A Queue made while Redis is away fails its start-up and keeps
   * failing after Redis is back (BullMQ keeps the rejected start), so a failure drops the Queue and
   * the next call makes a fresh one on the reconnected client.
   */
  private async onQueue<T>(name: QueueName, work: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = this.queue(name);
    try {
      return await work(queue);
    } catch (error) {
      if (this.queues.get(name) === queue) {
        this.queues.delete(name);
        // The client is shared: closing the Queue only detaches it.
        void queue.close().catch(() => {});
      }
      throw error;
    }
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<S extends z.ZodType>(
    definition: JobDefinition<Ctx, S>,
    payload: z.input<S>,
  ): Promise<EnqueueResult> {
    const parsed = definition.payload.parse(payload);
    const key = definition.idempotencyKey?.(parsed);
    const jobId = key === undefined ? undefined : toJobId(key);
    return this.onQueue(definition.queue, async (queue) => {
      if (jobId) {
        const existing = await queue.getJob(jobId);
        if (existing && !(await existing.isFailed())) return { id: jobId, enqueued: false };
        if (existing) await existing.remove();
      }
      const job = await queue.add(
        definition.name,
        { version: definition.version, payload: parsed },
        {
          jobId,
          attempts: definition.attempts,
          backoff: { type: 'exponential', delay: definition.backoffMs },
          removeOnComplete: COMPLETED_RETENTION,
          removeOnFail: FAILED_RETENTION,
        },
      );
      return { id: job.id ?? jobId ?? '', enqueued: true };
    });
  }

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      QUEUE_NAMES.map((name) =>
        this.onQueue(name, async (queue) => {
          const counts = await queue.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
            'completed',
            'prioritized',
          );
          const [oldest] = await queue.getJobs(['waiting'], -1, -1, true);
          return {
            queue: name,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            completed: counts.completed ?? 0,
            oldestWaitingSeconds: oldest ? (Date.now() - oldest.timestamp) / 1000 : null,
          };
        }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

/** BullMQ job ids may not contain ':' (its key separator). */
function toJobId(idempotencyKey: string): string {
  return idempotencyKey.replaceAll('%', '%25').replaceAll(':', '%3A');
}

/** Consumer: one BullMQ Worker per queue, running the same definitions as the in-process runner. */
export class BullmqJobWorker<Ctx extends JobExecutionContext> implements JobWorker {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly options: {
      /** A connection with `maxRetriesPerRequest: null`, as BullMQ requires for workers. */
      connection: Redis;
      prefix: string;
      concurrency: number;
      /**
       * A job's lock on this worker, renewed at half of it; a dead worker's jobs are moved back to
       * the queue by another worker's stalled-job check (run as often) within one to two of these.
       * BullMQ's default: 30 s.
       */
      lockMs?: number;
      definitions: readonly JobDefinition<Ctx>[];
      ctx: Ctx;
      logger: Logger;
    },
  ) {}

  async start(): Promise<void> {
    const byName = new Map(this.options.definitions.map((d) => [d.name, d]));
    const queues = new Set(this.options.definitions.map((d) => d.queue));
    for (const queueName of queues) {
      const worker = new Worker(
        queueName,
        async (job) => {
          const definition = byName.get(job.name);
          if (!definition) throw new UnrecoverableError(`no job definition named ${job.name}`);
          const data = job.data as { version?: number; payload?: unknown };
          if (data.version !== definition.version) {
            throw new UnrecoverableError(
              `job ${job.name} has payload version ${data.version}, this worker runs version ${definition.version}`,
            );
          }
          try {
            return await executeJob(definition, data.payload, {
              ctx: this.options.ctx,
              attempt: job.attemptsMade + 1,
              reportProgress: (progress) => job.updateProgress({ ...progress }),
            });
          } catch (error) {
            if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection: this.options.connection,
          prefix: this.options.prefix,
          concurrency: this.options.concurrency,
          ...(this.options.lockMs
            ? { lockDuration: this.options.lockMs, stalledInterval: this.options.lockMs }
            : {}),
          autorun: false,
        },
      );
      worker.on('failed', (job, error) => {
        this.options.logger.error({ job: job?.name, jobId: job?.id, err: error }, 'job failed');
      });
      worker.on('error', (error) => this.options.logger.warn({ err: error }, 'worker connection error'));
      this.workers.push(worker);
      void worker.run();
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Stops fetching jobs and lets active ones finish; unfinished ones go back to the queue as stalled. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
