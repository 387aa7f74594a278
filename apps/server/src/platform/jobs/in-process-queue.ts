import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { executeJob, type JobExecutionContext } from './execute-job';
import {
  backoffDelay,
  type EnqueueResult,
  type JobDefinition,
  type JobQueue,
  PermanentJobError,
  QUEUE_NAMES,
  type QueueCounts,
} from './job-definition';

interface PendingJob<Ctx> {
  id: string;
  key: string | undefined;
  definition: JobDefinition<Ctx>;
  payload: unknown;
  attempt: number;
  enqueuedAt: number;
  runAt: number;
}

/**
 * Embedded mode's runner: the same job definitions as BullMQ, executed in this process with the
 * same retry and idempotency rules. Nothing survives a restart — acceptable for a single-process
 * install, where start-up re-enqueues whatever is out of date.
 */
export class InProcessJobQueue<Ctx extends JobExecutionContext> implements JobQueue<Ctx> {
  readonly kind = 'in-process';
  private readonly waiting: PendingJob<Ctx>[] = [];
  private readonly active = new Set<PendingJob<Ctx>>();
  private wakeTimer: NodeJS.Timeout | undefined;
  private completed: { queue: string; at: number }[] = [];
  private failed = new Map<string, number>();
  private ctx: Ctx | undefined;
  private closing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: { concurrency: number; logger: Logger }) {}

  /** Handlers need the context, which itself holds this queue: it is attached once built. */
  attach(ctx: Ctx): void {
    this.ctx = ctx;
    this.pump();
  }

  async enqueue<S extends z.ZodType>(
    definition: JobDefinition<Ctx, S>,
    payload: z.input<S>,
  ): Promise<EnqueueResult> {
    if (this.closing) throw new Error('job queue is closing');
    const parsed = definition.payload.parse(payload);
    const key = definition.idempotencyKey?.(parsed);
    const duplicate = key ? [...this.waiting, ...this.active].find((job) => job.key === key) : undefined;
    if (duplicate) return { id: duplicate.id, enqueued: false };
    const job: PendingJob<Ctx> = {
      id: key ?? randomUUID(),
      key,
      definition: definition as JobDefinition<Ctx>,
      payload: parsed,
      attempt: 1,
      enqueuedAt: Date.now(),
      runAt: Date.now(),
    };
    this.waiting.push(job);
    queueMicrotask(() => this.pump());
    return { id: job.id, enqueued: true };
  }

  async counts(): Promise<QueueCounts[]> {
    const hourAgo = Date.now() - 3_600_000;
    this.completed = this.completed.filter((c) => c.at >= hourAgo);
    return QUEUE_NAMES.map((queue) => {
      const waiting = this.waiting.filter((j) => j.definition.queue === queue);
      const ready = waiting.filter((j) => j.runAt <= Date.now());
      const oldest = ready.reduce((min, j) => Math.min(min, j.enqueuedAt), Number.POSITIVE_INFINITY);
      return {
        queue,
        waiting: ready.length,
        delayed: waiting.length - ready.length,
        active: [...this.active].filter((j) => j.definition.queue === queue).length,
        failed: this.failed.get(queue) ?? 0,
        completed: this.completed.filter((c) => c.queue === queue).length,
        oldestWaitingSeconds: Number.isFinite(oldest) ? (Date.now() - oldest) / 1000 : null,
      };
    });
  }

  /** Resolves once no job is waiting or running. */
  whenIdle(): Promise<void> {
    if (this.waiting.length === 0 && this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.wakeTimer);
    this.waiting.length = 0;
    if (this.active.size > 0) await this.whenIdle();
  }

  private pump(): void {
    if (!this.ctx || this.closing) {
      // While closing, a finishing job must still wake close(), which waits for idle.
      this.notifyIfIdle();
      return;
    }
    const now = Date.now();
    while (this.active.size < this.options.concurrency) {
      const index = this.waiting.findIndex((j) => j.runAt <= now);
      if (index < 0) break;
      const [job] = this.waiting.splice(index, 1);
      if (job) this.run(job, this.ctx);
    }
    this.scheduleWake();
    this.notifyIfIdle();
  }

  /** One timer for the earliest delayed job (timers may fire a little early, so re-check then). */
  private scheduleWake(): void {
    clearTimeout(this.wakeTimer);
    const next = this.waiting.reduce((min, j) => Math.min(min, j.runAt), Number.POSITIVE_INFINITY);
    if (!Number.isFinite(next)) return;
    this.wakeTimer = setTimeout(() => this.pump(), Math.max(1, next - Date.now() + 1));
    this.wakeTimer.unref();
  }

  private run(job: PendingJob<Ctx>, ctx: Ctx): void {
    this.active.add(job);
    executeJob(job.definition, job.payload, { ctx, attempt: job.attempt, reportProgress: async () => {} })
      .then(() => this.completed.push({ queue: job.definition.queue, at: Date.now() }))
      .catch((error: unknown) => this.retryOrFail(job, error))
      .finally(() => {
        this.active.delete(job);
        this.pump();
      });
  }

  private retryOrFail(job: PendingJob<Ctx>, error: unknown): void {
    const permanent = error instanceof PermanentJobError;
    if (!permanent && job.attempt < job.definition.attempts && !this.closing) {
      const delay = backoffDelay(job.definition.backoffMs, job.attempt);
      this.waiting.push({ ...job, attempt: job.attempt + 1, runAt: Date.now() + delay });
      return;
    }
    const queue = job.definition.queue;
    this.failed.set(queue, (this.failed.get(queue) ?? 0) + 1);
    this.options.logger.error({ job: job.definition.name, err: error, attempts: job.attempt }, 'job failed');
  }

  private notifyIfIdle(): void {
    if (this.waiting.length === 0 && this.active.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
